// aliases.yaml, hotkeys.yaml, plugins.yaml, skin.yaml, views.yaml: k9s files read unchanged, mistakes named with
// file and line, and a context's files winning over the global ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandAliases, parseAliases } from '../../src/config/aliases.js';
import { parseHotKeys } from '../../src/config/hotkeys.js';
import { keyMatches, parseKeySpec } from '../../src/config/key-spec.js';
import { contextConfigDir, contextDirName } from '../../src/config/paths.js';
import { parsePlugins, pluginInScope } from '../../src/config/plugins.js';
import { expandArg, pluginEnv, pluginVariables } from '../../src/config/plugin-args.js';
import { DEFAULT_PALETTE, effectivePalette, parseSkin } from '../../src/config/skin.js';
import { loadUserConfig } from '../../src/config/user-config.js';
import { parseViews, planColumns } from '../../src/config/views.js';
import { KdeckError } from '../../src/errors.js';

function throwsAt(fn: () => unknown, file: string, line: number, re: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof KdeckError, String(e));
    assert.ok(e.message.startsWith(`${file}:${line}: `), `"${e.message}" should start with ${file}:${line}`);
    assert.match(e.message, re);
    assert.ok(e.hint, 'a hint');
    return true;
  });
}

test('aliases.yaml: k9s files (aliases: and the older alias:), whole commands, chains and loops', () => {
  const a = parseAliases('aliases:\n  dp: deployments\n  pp: v1/pods\n  fred: pod fred app=blee\n  sys: fred\n', 'a.yaml');
  assert.deepEqual(a, { dp: 'deployments', pp: 'v1/pods', fred: 'pod fred app=blee', sys: 'fred' });
  assert.deepEqual(parseAliases('alias:\n  crb: rbac.authorization.k8s.io/v1/clusterrolebindings\n', 'a.yaml'), { crb: 'rbac.authorization.k8s.io/v1/clusterrolebindings' });
  assert.deepEqual(parseAliases('', 'a.yaml'), {});
  assert.equal(expandAliases('fred', a), 'pod fred app=blee');
  assert.equal(expandAliases('sys @prod', a), 'pod fred app=blee @prod');
  assert.equal(expandAliases('pods -A', a), 'pods -A');
  assert.equal(expandAliases('x', { x: 'y', y: 'x' }), 'x'); // a loop stops where it came back
  assert.equal(expandAliases('constructor', {}), 'constructor');
});

test('aliases.yaml: mistakes name the file and the line', () => {
  throwsAt(() => parseAliases('aliases:\n  dp: deployments\naliasses:\n  x: y\n', '/c/aliases.yaml'), '/c/aliases.yaml', 3, /unknown key "aliasses" \(known: aliases, alias\)/);
  throwsAt(() => parseAliases('aliases:\n  dp:\n    - deployments\n', '/c/aliases.yaml'), '/c/aliases.yaml', 3, /"aliases\.dp" must be a string/);
  throwsAt(() => parseAliases('aliases:\n  "my alias": pods\n', '/c/aliases.yaml'), '/c/aliases.yaml', 2, /one word/);
  throwsAt(() => parseAliases('aliases:\n  dp: [deploy\n', '/c/aliases.yaml'), '/c/aliases.yaml', 3, /invalid YAML/);
});

test('key names as k9s spells them', () => {
  const cases: [string, string, object, boolean][] = [
    ['Shift-L', 'L', {}, true],
    ['Shift-L', 'l', {}, false],
    ['Ctrl-L', 'l', { ctrl: true }, true],
    ['Ctrl-L', 'l', {}, false],
    ['a', 'a', {}, true],
    ['a', 'a', { ctrl: true }, false],
    ['Shift-0', ')', {}, true],
    ['Alt-x', 'x', { meta: true }, true],
    ['Enter', '', { return: true }, true],
    ['Space', ' ', {}, true],
  ];
  for (const [spec, input, key, want] of cases) {
    const s = parseKeySpec(spec);
    assert.ok(typeof s !== 'string', `${spec}: ${s}`);
    assert.equal(keyMatches(s, input, key), want, `${spec} vs ${JSON.stringify([input, key])}`);
  }
  assert.match(parseKeySpec('Hyper-L') as string, /unknown modifier "Hyper"/);
  assert.match(parseKeySpec('F13') as string, /not a key/);
  assert.match(parseKeySpec('Ctrl-1') as string, /only with a letter/);
});

test('hotkeys.yaml: a k9s file, and its mistakes', () => {
  const h = parseHotKeys('hotKeys:\n  shift-0:\n    shortCut: Shift-0\n    description: Viewing pods\n    command: pods\n  ctrl-d:\n    shortCut: Ctrl-D\n    command: ":dp team-a"\n    keepHistory: true\n    override: true\n', 'h.yaml');
  assert.deepEqual(h.map((x) => [x.name, x.key.key, x.key.ctrl, x.command, x.description, x.override]), [
    ['shift-0', ')', false, 'pods', 'Viewing pods', false],
    ['ctrl-d', 'd', true, 'dp team-a', 'dp team-a', true],
  ]);
  throwsAt(() => parseHotKeys('hotKeys:\n  p:\n    shortCut: Shift-P\n    command: pods\n    colour: red\n', '/c/hotkeys.yaml'), '/c/hotkeys.yaml', 5, /unknown key "colour" in hotKeys\.p/);
  throwsAt(() => parseHotKeys('hotKeys:\n  p:\n    shortCut: Hyper-P\n    command: pods\n', '/c/hotkeys.yaml'), '/c/hotkeys.yaml', 3, /unknown modifier/);
  throwsAt(() => parseHotKeys('hotKeys:\n  p:\n    shortCut: Shift-P\n', '/c/hotkeys.yaml'), '/c/hotkeys.yaml', 2, /"hotKeys\.p\.command" is required/);
});

// Taken in shape from the plugins people share for k9s (cnpg's, the stern and debug ones in k9s's docs).
const K9S_PLUGINS = `plugins:
  # Leverage stern to output logs
  stern:
    shortCut: Ctrl-L
    confirm: false
    description: "Logs <Stern>"
    scopes:
      - pods
    command: stern
    background: false
    args:
      - --tail
      - 50
      - $FILTER
      - -n
      - $NAMESPACE
      - --context
      - $CONTEXT
  debug:
    shortCut: Shift-D
    description: Add debug container
    dangerous: true
    scopes:
      - containers
    command: bash
    background: false
    confirm: true
    args:
      - -c
      - "kubectl debug -it --context $CONTEXT -n=$NAMESPACE $POD --target=$NAME --image=nicolaka/netshoot --share-processes -- bash"
`;

test('plugins.yaml: a k9s file works unchanged', () => {
  const ps = parsePlugins(K9S_PLUGINS, 'p.yaml');
  assert.equal(ps.length, 2);
  const [stern, debug] = ps;
  assert.equal(stern.name, 'stern');
  assert.deepEqual([stern.key.key, stern.key.ctrl, stern.command, stern.background, stern.confirm, stern.dangerous], ['l', true, 'stern', false, false, false]);
  assert.deepEqual(stern.args, ['--tail', '50', '$FILTER', '-n', '$NAMESPACE', '--context', '$CONTEXT']);
  assert.deepEqual([debug.key.key, debug.dangerous, debug.confirm, debug.scopes], ['D', true, true, ['containers']]);
  assert.ok(pluginInScope(stern, ['pods', 'pod', 'po']));
  assert.ok(!pluginInScope(stern, ['deployments', 'deploy']));
  assert.ok(pluginInScope({ scopes: ['all'] }, ['nodes']));
  assert.equal(ps[0].source, 'p.yaml:3');
  assert.deepEqual(parsePlugins('plugin:\n  x:\n    shortCut: x\n    scopes: [po]\n    command: echo\n', 'p.yaml').map((p) => p.name), ['x']);
});

test('plugins.yaml: unknown and unsupported keys, missing fields, by file and line', () => {
  const f = '/c/plugins.yaml';
  throwsAt(() => parsePlugins('plugins:\n  x:\n    shortCut: x\n    scopes: [po]\n    command: echo\n    argz: [a]\n', f), f, 6, /unknown key "argz" in plugins\.x \(known: shortCut, description, scopes, command, args/);
  throwsAt(() => parsePlugins('plugins:\n  x:\n    shortCut: x\n    scopes: [po]\n    command: echo\n    pipes: [less]\n', f), f, 6, /"pipes" .* k9s key kdeck does not support/);
  throwsAt(() => parsePlugins('plugins:\n  x:\n    shortCut: x\n    command: echo\n', f), f, 2, /scopes must list at least one/);
  throwsAt(() => parsePlugins('plugins:\n  x:\n    shortCut: x\n    scopes: [po]\n    command: echo\n    background: maybe\n', f), f, 6, /"plugins\.x\.background" must be true or false/);
  throwsAt(() => parsePlugins('plugins:\n  x:\n    shortCut: x\n    scopes: po\n    command: echo\n', f), f, 4, /must be a list of strings/);
  throwsAt(() => parsePlugins('plugins:\n  x:\n    scopes: [po]\n    command: echo\n', f), f, 2, /"plugins\.x\.shortCut" is required/);
});

test('plugin arguments: every k9s variable, $COL-<NAME>, ${VAR}, unknown ones kept for the shell', () => {
  const vars = pluginVariables({ namespace: 'team-a', name: 'web-1', container: 'app', context: 'prod', cluster: 'c1', user: 'alice', kubeconfig: '/k', filter: 'web', columns: { Status: 'Running', 'IP': '10.0.0.1' } });
  assert.equal(expandArg('$NAMESPACE/$NAME/$CONTAINER', vars), 'team-a/web-1/app');
  assert.equal(expandArg('--context=$CONTEXT --cluster $CLUSTER --user ${USER}', vars), '--context=prod --cluster c1 --user alice');
  assert.equal(expandArg('$POD $COL-STATUS $COL-ip $KUBECONFIG $FILTER', vars), 'web-1 Running 10.0.0.1 /k web');
  assert.equal(expandArg('$HOME $NAMESPACES', vars), '$HOME $NAMESPACES'); // not kdeck's: left for the shell
  const env = pluginEnv(vars);
  assert.equal(env.NAMESPACE, 'team-a');
  assert.ok(!('USER' in env), 'the login USER is not replaced');
  assert.ok(!Object.keys(env).some((k) => k.startsWith('COL-')));
  assert.equal(pluginVariables({ namespace: 'n', name: 'p', context: 'c', cluster: 'c', user: 'u', columns: {} }).POD, '');
});

const K9S_SKIN = `# a k9s skin: anchors on top, sections under k9s
foreground: &foreground "#f8f8f2"
blue: &blue dodgerblue
red: &red "#ff5555"
k9s:
  body:
    fgColor: *foreground
    bgColor: default
    logoColor: *blue
  info:
    fgColor: white
    sectionColor: *blue
  frame:
    border:
      fgColor: *blue
    menu:
      fgColor: *foreground
      keyColor: orange
    status:
      newColor: lawngreen
      pendingColor: olive
      errorColor: *red
      killColor: color245
      completedColor: gray
    title:
      fgColor: aqua
      counterColor: papayawhip
  views:
    table:
      cursorFgColor: black
      cursorBgColor: *blue
      header:
        fgColor: white
        sorterColor: orange
    logs:
      fgColor: white
  dialog:
    fgColor: white
`;

test('skin.yaml: a k9s skin paints header, table and states; NO_COLOR drops it all', () => {
  const p = parseSkin(K9S_SKIN, 's.yaml');
  assert.equal(p.headerLabel, '#1e90ff');
  assert.equal(p.headerValue, 'whiteBright'); // tcell's "white" is the bright one
  assert.equal(p.ok, '#7cfc00');
  assert.equal(p.pending, 'yellow'); // "olive" is the terminal's own (dark) yellow
  assert.equal(p.failing, '#ff5555');
  assert.equal(p.terminating, '#8a8a8a'); // color245 from the 256-colour table
  assert.equal(p.completed, 'gray');
  assert.equal(p.title, 'cyanBright');
  assert.equal(p.titleCounter, '#ffefd5');
  assert.equal(p.cursorBg, '#1e90ff');
  assert.equal(p.columnHeaderFg, 'whiteBright');
  assert.equal(p.menuKey, '#ffa500');
  assert.equal(p.tableBg, undefined);
  assert.deepEqual(effectivePalette(p, true), {});
  // The default paints with the 16 terminal colours only: safe on 16- and 256-colour terminals.
  for (const v of Object.values(DEFAULT_PALETTE)) if (v) assert.match(v, /^(black|red|green|yellow|blue|magenta|cyan|white|gray)$/);
  assert.deepEqual(parseSkin('', 's.yaml'), DEFAULT_PALETTE);
});

test('skin.yaml: a bad colour and an unknown key, by file and line', () => {
  const f = '/c/skin.yaml';
  throwsAt(() => parseSkin('k9s:\n  frame:\n    status:\n      errorColor: reddish\n', f), f, 4, /k9s\.frame\.status\.errorColor: "reddish" is not a colour/);
  throwsAt(() => parseSkin('k9s:\n  frame:\n    status:\n      eror: red\n', f), f, 4, /unknown key "eror" in k9s\.frame\.status/);
  throwsAt(() => parseSkin('k9s:\n  bodyy:\n    fgColor: red\n', f), f, 2, /unknown key "bodyy" in k9s/);
});

test('views.yaml: k9s columns, JSONPath columns, attributes, sort; and its mistakes', () => {
  const [v] = parseViews('views:\n  v1/pods:\n    sortColumn: AGE:desc\n    columns:\n      - AGE\n      - NAMESPACE|WR\n      - "IMAGE:.spec.containers[0].image"\n      - ZORG:.metadata.labels.fred|H\n      - NAME\n', 'v.yaml');
  assert.equal(v.resource, 'v1/pods');
  assert.deepEqual(v.sort, { column: 'AGE', descending: true });
  assert.deepEqual(v.columns.map((c) => [c.name, !!c.path, c.wide, c.hidden, c.align]), [
    ['AGE', false, false, false, 'left'],
    ['NAMESPACE', false, true, false, 'right'],
    ['IMAGE', true, false, false, 'left'],
    ['ZORG', true, false, true, 'left'],
    ['NAME', false, false, false, 'left'],
  ]);
  const server = ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node'];
  assert.deepEqual(planColumns(v, server, false).map((p) => p.header), ['Age', 'IMAGE', 'Name']);
  assert.deepEqual(planColumns(v, server, true).map((p) => p.header), ['Age', 'IMAGE', 'Name', 'Ready', 'Status', 'Restarts', 'IP', 'Node']);
  const f = '/c/views.yaml';
  throwsAt(() => parseViews('views:\n  v1/pods:\n    columns:\n      - NAME\n      - AGE|Q\n', f), f, 5, /unknown attribute "Q"/);
  throwsAt(() => parseViews('views:\n  v1/pods:\n    columns:\n      - "X:.spec[?(@.a ~ 1)]"\n', f), f, 4, /filter kdeck cannot read/);
  throwsAt(() => parseViews('views:\n  v1/pods:\n    sortColumn: AGE\n    columns: [NAME]\n', f), f, 3, /COLUMN:asc or COLUMN:desc/);
  throwsAt(() => parseViews('views:\n  v1/pods:\n    colums: [NAME]\n', f), f, 3, /unknown key "colums" in views\.v1\/pods \(known: columns, sortColumn\)/);
});

test('per context: contexts/<context>/ files win over the global ones, name by name and key by key', () => {
  const root = mkdtempSync(join(tmpdir(), 'kdeck-ucfg-'));
  try {
    const env = { XDG_CONFIG_HOME: root };
    const global = join(root, 'kdeck');
    const ctx = contextConfigDir(env, 'arn:aws:eks:eu-west-1:1:cluster/prod', '/nohome');
    assert.equal(ctx, join(global, 'contexts', 'arn_aws_eks_eu-west-1_1_cluster_prod'));
    assert.equal(contextDirName('..'), '_..');
    mkdirSync(ctx, { recursive: true });
    writeFileSync(join(global, 'aliases.yaml'), 'aliases:\n  dp: deployments\n  pp: pods\n');
    writeFileSync(join(ctx, 'aliases.yaml'), 'aliases:\n  pp: pods -n payments\n');
    writeFileSync(join(global, 'hotkeys.yaml'), 'hotKeys:\n  zero:\n    shortCut: Shift-0\n    command: pods\n  one:\n    shortCut: Shift-1\n    command: dp\n');
    writeFileSync(join(ctx, 'hotkeys.yaml'), 'hotKeys:\n  nodes:\n    shortCut: Shift-0\n    command: nodes\n');
    writeFileSync(join(global, 'plugins.yaml'), 'plugins:\n  a:\n    shortCut: Ctrl-T\n    scopes: [all]\n    command: echo\n    args: [global]\n');
    writeFileSync(join(ctx, 'plugins.yaml'), 'plugins:\n  a:\n    shortCut: Ctrl-T\n    scopes: [all]\n    command: echo\n    args: [prod]\n');
    writeFileSync(join(global, 'skin.yaml'), 'k9s:\n  frame:\n    status:\n      errorColor: orange\n      pendingColor: navy\n');
    writeFileSync(join(ctx, 'skin.yaml'), 'k9s:\n  frame:\n    status:\n      errorColor: crimson\n');
    writeFileSync(join(global, 'views.yaml'), 'views:\n  v1/pods:\n    columns: [NAME]\n  v1/nodes:\n    columns: [NAME]\n');
    writeFileSync(join(ctx, 'views.yaml'), 'views:\n  v1/pods:\n    columns: [NAME, AGE]\n');

    const g = loadUserConfig(env, '/nohome', undefined, { cfg: 'configmaps', pp: 'pods -A' });
    assert.deepEqual(g.aliases, { cfg: 'configmaps', pp: 'pods', dp: 'deployments' }); // aliases.yaml beats config.yaml
    assert.deepEqual(g.plugins.map((p) => p.args[0]), ['global']);
    assert.equal(g.palette.failing, '#ffa500');

    const c = loadUserConfig(env, '/nohome', 'arn:aws:eks:eu-west-1:1:cluster/prod');
    assert.equal(c.aliases.pp, 'pods -n payments');
    assert.equal(c.aliases.dp, 'deployments');
    assert.deepEqual(c.hotkeys.map((h) => [h.name, h.command]).sort(), [['nodes', 'nodes'], ['one', 'dp']]); // Shift-0 taken over
    assert.deepEqual(c.plugins.map((p) => p.args[0]), ['prod']);
    assert.equal(c.palette.failing, '#dc143c');
    assert.equal(c.palette.pending, 'blue'); // kept from the global skin
    assert.deepEqual(c.views.map((v) => [v.resource, v.columns.length]).sort(), [['v1/nodes', 1], ['v1/pods', 2]]);

    const other = loadUserConfig(env, '/nohome', 'staging');
    assert.equal(other.aliases.pp, 'pods');
    writeFileSync(join(ctx, 'plugins.yaml'), 'plugins:\n  a:\n    shortcut: Ctrl-T\n');
    throwsAt(() => loadUserConfig(env, '/nohome', 'arn:aws:eks:eu-west-1:1:cluster/prod'), join(ctx, 'plugins.yaml'), 3, /unknown key "shortcut"/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
