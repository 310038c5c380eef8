// Issue 10 end to end: the real kdeck in tmux acts on the simulator (delete, kill, marks, scale, restart,
// rollback, cron jobs, edit, cordon/drain), and kubectl then checks what the server holds. Read-only mode and RBAC
// hide the keys, and a forced key gets the request layer's or the server's refusal.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TmuxSession, requireTmux } from './helpers/tmux.js';
import { kdeckCommand, startWorld, type E2eWorld } from './helpers/sim.js';
import { KubectlRunner } from '../simulator/kubectl-helpers.js';
import type { MemoryStore } from '../../src/simulator/store.js';

describe('actions in tmux, checked with kubectl', { concurrency: 2 }, () => {
  let world: E2eWorld;
  let k: KubectlRunner;
  const sessions: TmuxSession[] = [];
  const session = () => {
    const s = new TmuxSession(200, 50);
    sessions.push(s);
    return s;
  };
  const kubectl = async (...args: string[]) => {
    const r = await k.run(args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  const kdeck = (args: string, env: Record<string, string> = {}) => {
    const t = session();
    t.start(world.env(env), kdeckCommand(args));
    return t;
  };
  const podNames = (ns: string, prefix: string) => world.sim.clusters[0].store.list('pods', ns).filter((p) => p.metadata.name.startsWith(prefix) && !p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort();

  before(async () => {
    requireTmux();
    world = await startWorld();
    const dir = join(world.dir, 'kubectl');
    mkdirSync(dir);
    k = new KubectlRunner(join(world.dir, 'sim.yaml'), dir);
  });
  after(async () => {
    const results = await Promise.all(sessions.map((s) => s.close()));
    k?.close();
    await world?.close();
    assert.equal(results.filter((r) => r.leftRunning).length, 0, 'kdeck kept running after its terminal went away');
  });

  test('Ctrl-D: the dialog refuses a half-typed grace period, Esc cancels, Enter deletes with the options chosen', async () => {
    const [pod] = podNames('team-a', 'web-');
    const t = kdeck('-n team-a');
    await t.waitForText(/pods\(team-a\)\[\d+\]/);
    t.type(`/${pod}`);
    t.keys('Enter');
    await t.waitForText(/pods\(team-a\)\[1\]/);
    await t.waitForText('<Ctrl-D>delete');
    t.keys('C-d');
    await t.waitForText(`Delete pod team-a/${pod}?`);
    t.keys('Escape');
    await t.waitForText('cancelled');
    assert.ok(!world.sim.clusters[0].store.get('pods', 'team-a', pod)!.metadata.deletionTimestamp, 'Esc sent nothing');

    t.keys('C-d');
    await t.waitForText(/> propagation: \(Background\)/);
    t.keys('Right');
    await t.waitForText(/> propagation: {2}Background {2}\(Foreground\)/);
    t.keys('Left', 'Tab');
    await t.waitForText(/> grace period \(s\): \[_\]/);
    t.type('5x');
    t.keys('Enter');
    await t.waitForText('grace period (s): a whole number of seconds, or empty for the default');
    assert.ok(!world.sim.clusters[0].store.get('pods', 'team-a', pod)!.metadata.deletionTimestamp, 'a half-typed value sent nothing');
    // The simulator ends a pod's grace early (1.5 s): read what the DELETE stored as it happened.
    const store = world.sim.clusters[0].store as MemoryStore;
    let grace: number | undefined;
    const stop = store.subscribe((e) => {
      if (e.resource === 'pods' && e.object.metadata.name === pod && e.object.metadata.deletionTimestamp) grace ??= e.object.metadata.deletionGracePeriodSeconds;
    });
    t.keys('BSpace');
    t.keys('Enter');
    await t.waitForText(`deleting pod team-a/${pod} (terminating)`);
    stop();
    assert.equal(grace, 5, 'deleted with the grace period typed');
    await t.waitFor(() => !store.get('pods', 'team-a', pod), 'the pod gone after its grace period');
    const r = await k.run(['-n', 'team-a', 'get', 'pod', pod]);
    assert.match(r.stderr, /NotFound/);

    // An object already Terminating (here one whose deletion the kubelet never confirms) says so in the dialog.
    const [other] = podNames('team-a', 'web-');
    const cur = store.get('pods', 'team-a', other)!;
    store.update('pods', { ...cur, metadata: { ...cur.metadata, deletionTimestamp: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z'), deletionGracePeriodSeconds: 3600 } });
    t.keys('Escape');
    await t.waitFor((s) => /pods\(team-a\)\[\d+\]/.test(s) && !s.includes(`</${pod}>`), 'the filter cleared');
    t.type(`/${other}`);
    t.keys('Enter');
    await t.waitForText(/pods\(team-a\)\[1\][\s\S]*Terminating/);
    t.keys('C-d');
    await t.waitForText(`pod team-a/${other} (Terminating: deletion already requested)`);
    t.keys('Enter');
    await t.waitForText(`pod team-a/${other} is already terminating; asked again`);
    t.keys('Escape');
  });

  test('marks: Space, Ctrl-Space range, Ctrl-\\ clears; Ctrl-K kills every marked pod after one confirmation', async () => {
    const t = kdeck('-n shop');
    await t.waitForText(/pods\(shop\)\[\d+\]/);
    t.type('/web-');
    t.keys('Enter');
    await t.waitForText(/pods\(shop\)\[[2-9]\]/);
    t.type(' ');
    await t.waitForText('<1 marked>');
    t.type('j');
    t.keys('C-Space');
    await t.waitForText('<3 marked>');
    t.keys('C-\\');
    await t.waitFor((s) => !s.includes('marked>'), 'marks cleared');
    t.type('g');
    t.type(' ');
    t.type(' ');
    await t.waitForText('<2 marked>');
    const victims = podNames('shop', 'web-').slice(0, 2);
    t.keys('C-k');
    const dialog = await t.waitForText('Kill (grace period 0) 2 pods?');
    for (const v of victims) assert.ok(dialog.includes(`pod shop/${v}`), `${v} listed:\n${dialog}`);
    t.keys('Enter');
    await t.waitForText(`killed pod shop/${victims[0]} and 1 more`);
    for (const v of victims) {
      const r = await k.run(['-n', 'shop', 'get', 'pod', v]);
      assert.match(r.stderr, /NotFound|not found/);
    }
  });

  test('s scales (current value prefilled, a half-typed value refused), r restarts, Ctrl-L rolls back', async () => {
    const t = kdeck('-n search -c deploy');
    await t.waitForText(/deployments\(search\)\[\d+\]/);
    t.type('/web');
    t.keys('Enter');
    await t.waitForText(/deployments\(search\)\[1\]/);
    t.type('s');
    await t.waitForText(/> replicas: \[7_\]/);
    t.keys('BSpace');
    t.keys('Enter');
    await t.waitForText('replicas: a whole number, 0 or more');
    t.type('2');
    t.keys('Enter');
    await t.waitForText('scaled deployment search/web to 2');
    assert.equal(await kubectl('-n', 'search', 'get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'), '2');

    t.type('r');
    await t.waitForText('Restart deployment search/web?');
    t.keys('Enter');
    await t.waitForText('restarted deployment search/web');
    assert.match(await kubectl('-n', 'search', 'get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}'), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    await kubectl('-n', 'search', 'set', 'image', 'deployment/web', 'web=nginx:9.9');
    t.type(':rs');
    t.keys('Enter');
    await t.waitForText(/replicasets\(search\)\[\d+\]/);
    t.type('/web-bh6');
    t.keys('Enter');
    await t.waitForText(/replicasets\(search\)\[1\]/);
    t.keys('C-l');
    await t.waitForText(/Roll back the deployment of replica set search\/web-/);
    t.keys('Enter');
    await t.waitForText(/rolled back deployment search\/web to revision \d+ \(web-bh6rrfv9qp\)/);
    assert.equal(await kubectl('-n', 'search', 'get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'), 'nginx:1.27.3');
  });

  test('cron jobs: t triggers a job, s suspends and resumes', async () => {
    const t = kdeck('-n team-a -c cj');
    await t.waitForText(/cronjobs\(team-a\)\[1\]/);
    t.type('t');
    await t.waitForText('Trigger cronjob team-a/report now?');
    t.keys('Enter');
    const screen = await t.waitForText(/triggered cronjob team-a\/report: job report-manual-[0-9a-f]{5} created/);
    const job = /job (report-manual-[0-9a-f]{5})/.exec(screen)![1]!;
    assert.equal(await kubectl('-n', 'team-a', 'get', 'job', job, '-o', 'jsonpath={.metadata.ownerReferences[0].name} {.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate}'), 'report manual');
    t.type('s');
    await t.waitForText('Suspend cronjob team-a/report?');
    t.keys('Enter');
    await t.waitForText('suspended cronjob team-a/report');
    assert.equal(await kubectl('-n', 'team-a', 'get', 'cj', 'report', '-o', 'jsonpath={.spec.suspend}'), 'true');
    await t.waitForText(/report\s+\S+ \* \* \* \*\s+\S+\s+True/);
    t.type('s');
    await t.waitForText('Resume cronjob team-a/report?');
    t.keys('Enter');
    await t.waitForText('resumed cronjob team-a/report');
    assert.equal(await kubectl('-n', 'team-a', 'get', 'cj', 'report', '-o', 'jsonpath={.spec.suspend}'), 'false');
  });

  test('e edits through $EDITOR (a sed script) and the screen comes back; nothing changed sends nothing', async () => {
    const script = join(world.dir, 'edit.sh');
    writeFileSync(script, '#!/bin/sh\nsed -i "s/image: redis:7.2.5-alpine/image: redis:7.4.0/" "$1"\n');
    chmodSync(script, 0o755);
    const t = kdeck('-n team-a -c sts', { EDITOR: script });
    await t.waitForText(/statefulsets\(team-a\)\[1\]/);
    t.type('e');
    await t.waitForText('edited statefulset team-a/redis');
    await t.waitForText(/statefulsets\(team-a\)\[1\][\s\S]*redis/);
    assert.equal(t.alternateScreen(), true, 'back on the alternate screen');
    assert.equal(await kubectl('-n', 'team-a', 'get', 'sts', 'redis', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'), 'redis:7.4.0');
    const rv = await kubectl('-n', 'team-a', 'get', 'sts', 'redis', '-o', 'jsonpath={.metadata.resourceVersion}');
    // Again: the image is already 7.4.0, so the script changes nothing.
    t.type('e');
    await t.waitForText('Edit cancelled, no changes made.');
    assert.equal(await kubectl('-n', 'team-a', 'get', 'sts', 'redis', '-o', 'jsonpath={.metadata.resourceVersion}'), rv);
  });

  test('nodes: c cordons, u uncordons, r drains through evictions; a disruption budget is answered per pod', async () => {
    // The second cluster: draining moves pods the other tests work on in the first.
    const staging = world.sim.clusters[1];
    const node = staging.store.list('nodes').map((n) => n.metadata.name).find((n) => /worker$/.test(n))!;
    const sk = (...args: string[]) => k.run(['--context', staging.contextName, ...args]);
    const t = kdeck(`--context ${staging.contextName} -c nodes`);
    await t.waitForText(/nodes\[3\][\s\S]*-worker2 /);
    // Sorted by name: control-plane, worker, worker2.
    t.type('j');
    t.type('c');
    await t.waitForText(`node ${node} cordoned`);
    assert.equal((await sk('get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}')).stdout, 'true');
    t.type('u');
    await t.waitForText(`node ${node} uncordoned`);
    assert.equal((await sk('get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}')).stdout, '');

    // A budget that allows no disruption of the node's web pods: the drain reports the 429 for each of them.
    const onNode = () => staging.store.list('pods').filter((p) => (p.spec as { nodeName?: string }).nodeName === node && !p.metadata.deletionTimestamp);
    const guarded = onNode().find((p) => p.metadata.labels?.app === 'web' && p.metadata.namespace !== 'kube-system')!;
    const ns = guarded.metadata.namespace!;
    let r = await sk('-n', ns, 'create', 'pdb', 'guard', '--selector=app=web', '--min-available=100%');
    assert.equal(r.code, 0, r.stderr);
    t.type('r');
    await t.waitForText(`Drain node ${node}?`);
    for (let i = 0; i < 4; i++) t.keys('Tab');
    await t.waitForText(/> timeout: \[60s_\]/);
    t.keys('BSpace', 'BSpace', 'BSpace');
    t.type('3s');
    t.keys('Enter');
    // The flash line is cut at the screen's width; the per-pod answer starts with the server's words.
    await t.waitForText(new RegExp(`node ${node} not drained: \\d+ evicted, \\d+ not: ${ns}/web-[a-z0-9-]+: Cannot evict pod as it would violate the pod's disruption budget\\. The disruption budget guard needs \\d+`), { timeoutMs: 60_000 });
    assert.equal((await sk('get', 'node', node, '-o', 'jsonpath={.spec.unschedulable}')).stdout, 'true', 'drain cordoned first');
    r = await sk('-n', ns, 'delete', 'pdb', 'guard');
    assert.equal(r.code, 0, r.stderr);
    t.type('r');
    await t.waitForText(`Drain node ${node}?`);
    t.keys('Enter');
    await t.waitForText(new RegExp(`node ${node} drained \\(\\d+ pods? evicted\\)`), { timeoutMs: 60_000 });
    const left = await sk('get', 'pods', '-A', '--field-selector', `spec.nodeName=${node}`, '-o', 'jsonpath={.items[*].metadata.name}');
    assert.ok(left.stdout.split(/\s+/).filter(Boolean).every((n) => n.startsWith('kube-proxy-')), left.stdout);
  });

  test('read-only (--readonly, or readOnly for the context in config.yaml): no action keys in view or help; a forced key is refused before it is sent', async () => {
    const [pod] = podNames('payments', 'web-');
    const t = kdeck('--readonly -n payments');
    await t.waitForText(/pods\(payments\)\[\d+\]/);
    await t.waitForText('<0>all-ns');
    const screen = t.capture();
    assert.doesNotMatch(screen, /<Ctrl-D>|<e>edit/);
    t.type('?');
    const help = await t.waitForText('help: resource view');
    assert.doesNotMatch(help, /Ctrl-D|Ctrl-K|edit \(/);
    t.keys('Escape');
    await t.waitFor((s) => !s.includes('help: resource view'), 'help closed');
    t.type(`/${pod}`);
    t.keys('Enter');
    await t.waitForText(/pods\(payments\)\[1\]/);
    t.keys('C-d');
    await t.waitForText(`Delete pod payments/${pod}?`);
    t.keys('Enter');
    await t.waitForText(`read-only: DELETE /api/v1/namespaces/payments/pods/${pod} was not sent (--readonly)`);
    assert.ok(!world.sim.clusters[0].store.get('pods', 'payments', pod)!.metadata.deletionTimestamp);

    const cfg = join(world.dir, 'ro-config');
    mkdirSync(join(cfg, 'kdeck'), { recursive: true });
    writeFileSync(join(cfg, 'kdeck', 'config.yaml'), `contexts:\n  ${world.sim.clusters[0].contextName}: {readOnly: true}\n`);
    const c = kdeck('-n payments', { XDG_CONFIG_HOME: cfg });
    await c.waitForText(/pods\(payments\)\[\d+\][\s\S]*web-bh6/);
    await c.waitForText('<0>all-ns');
    assert.doesNotMatch(c.capture(), /<Ctrl-D>/);
    c.keys('C-d');
    await c.waitForText(/Delete pod payments\//);
    c.keys('Enter');
    await c.waitForText(`was not sent (readOnly: true for context "${world.sim.clusters[0].contextName}" in config.yaml)`);
  });

  test('RBAC: the restricted user sees no action keys and no 0; a forced delete shows the server\'s 403', async () => {
    const [pod] = podNames('team-a', 'api-');
    const t = kdeck(`--context ${world.sim.clusters[0].contextName}-restricted`);
    await t.waitForText(/pods\(team-a\)\[\d+\]/);
    // Until the server answered, 0 is offered; then it goes (jane may not list pods across namespaces).
    const screen = await t.waitFor((s) => s.includes('<?>help') && !s.includes('<0>all-ns'), 'the 0 key withdrawn');
    assert.doesNotMatch(screen, /<Ctrl-D>|<e>edit/);
    t.type('?');
    const help = await t.waitForText('help: resource view');
    assert.doesNotMatch(help, /Ctrl-D|all namespaces/);
    t.keys('Escape');
    await t.waitFor((s) => !s.includes('help: resource view'), 'help closed');
    t.type(`/${pod}`);
    t.keys('Enter');
    await t.waitForText(/pods\(team-a\)\[1\]/);
    t.keys('C-d');
    await t.waitForText(`Delete pod team-a/${pod}?`);
    t.keys('Enter');
    await t.waitForText(`pods "${pod}" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "team-a"`);
    assert.ok(world.sim.clusters[0].store.get('pods', 'team-a', pod));
  });
});
