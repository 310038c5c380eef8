import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configPath, loadConfig, parseConfig, DEFAULT_CONFIG } from '../../src/config/config.js';
import { readFavourites, writeFavourites } from '../../src/ui-state/favourites.js';
import { favouritesPath, savedLogsDir, stateHome } from '../../src/config/paths.js';
import { KdeckError } from '../../src/errors.js';

test('a full config is read', () => {
  const c = parseConfig('defaultView: deploy\nreadOnly: true\nwarmContexts: 5\nfavourites: [team-a, default]\naliases: {dp: deployments}\n', 'f.yaml');
  assert.deepEqual(c, { defaultView: 'deploy', readOnly: true, warmContexts: 5, favourites: ['team-a', 'default'], aliases: { dp: 'deployments' } });
  assert.deepEqual(parseConfig('', 'f.yaml'), DEFAULT_CONFIG);
});

test('mistakes name the key and the file', () => {
  const cases: [string, RegExp][] = [
    ['readOnly: yes please\n', /"readOnly" must be true or false/],
    ['warmContexts: -1\n', /"warmContexts"/],
    ['favourites: team-a\n', /"favourites" must be a list/],
    ['aliases: {dp: 3}\n', /"aliases\.dp"/],
    ['colour: blue\n', /"colour" is not a known setting/],
    ['a: [\n', /not valid YAML/],
    ['- just\n- a list\n', /must be a mapping/],
  ];
  for (const [text, re] of cases) {
    assert.throws(() => parseConfig(text, '/home/u/.config/kdeck/config.yaml'), (e: unknown) => e instanceof KdeckError && re.test(e.message) && e.message.includes('config.yaml'));
  }
});

test('XDG paths, a missing file means defaults, favourites survive a round trip', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kdeck-cfg-'));
  try {
    assert.equal(configPath({ XDG_CONFIG_HOME: '/x' }), '/x/kdeck/config.yaml');
    assert.equal(configPath({}, '/home/u'), '/home/u/.config/kdeck/config.yaml');
    assert.equal(stateHome({}, '/home/u'), '/home/u/.local/state/kdeck');
    assert.equal(favouritesPath({ XDG_STATE_HOME: '/s' }), '/s/kdeck/favourites.json');
    assert.equal(savedLogsDir({}, '/home/u'), '/home/u/.local/state/kdeck/logs');
    assert.deepEqual(loadConfig({ XDG_CONFIG_HOME: dir }), DEFAULT_CONFIG);
    mkdirSync(join(dir, 'kdeck'));
    writeFileSync(join(dir, 'kdeck', 'config.yaml'), 'defaultView: svc\n');
    assert.equal(loadConfig({ XDG_CONFIG_HOME: dir }).defaultView, 'svc');
    const f = join(dir, 'state', 'favourites.json');
    assert.deepEqual(readFavourites(f), { contexts: {} });
    writeFavourites(f, { contexts: { a: ['x', 'y'] } });
    assert.deepEqual(readFavourites(f), { contexts: { a: ['x', 'y'] } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
