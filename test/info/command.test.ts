import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatInfo, infoLines } from '../../src/info/command.js';
import { bundledBin } from '../helpers/bundled-bin.js';

test('kdeck info: every path read and written, present or not, per context too', () => {
  const root = mkdtempSync(join(tmpdir(), 'kdeck-info-'));
  try {
    const env = { XDG_CONFIG_HOME: join(root, 'cfg'), XDG_STATE_HOME: join(root, 'state') };
    mkdirSync(join(root, 'cfg', 'kdeck', 'contexts', 'prod'), { recursive: true });
    writeFileSync(join(root, 'cfg', 'kdeck', 'plugins.yaml'), 'plugins: {}\n');
    writeFileSync(join(root, 'cfg', 'kdeck', 'contexts', 'prod', 'hotkeys.yaml'), 'hotKeys: {}\n');
    const kc = join(root, 'kube.yaml');
    writeFileSync(kc, 'apiVersion: v1\nkind: Config\n');
    const lines = infoLines(env, root, { env, homeDir: root, cwd: root }, kc, ['prod', 'staging']);
    const byPath = (p: string) => lines.find((l) => l.path === p);
    assert.equal(byPath(join(root, 'cfg', 'kdeck', 'plugins.yaml'))?.exists, true);
    assert.equal(byPath(join(root, 'cfg', 'kdeck', 'skin.yaml'))?.exists, false);
    assert.match(byPath(join(root, 'cfg', 'kdeck', 'contexts', 'prod') + '/')!.what, /context "prod": hotkeys\.yaml/);
    assert.equal(byPath(join(root, 'cfg', 'kdeck', 'contexts', 'staging') + '/')?.exists, false);
    assert.match(byPath(kc)!.what, /kubeconfig \(--kubeconfig; never written\)/);
    assert.equal(byPath(join(root, 'state', 'kdeck', 'favourites.json'))?.access, 'write');
    assert.ok(byPath(join(root, 'state', 'kdeck', 'plugins') + '/'));
    const text = formatInfo(lines);
    assert.match(text, /^kdeck reads/);
    assert.match(text, /kdeck writes:/);
    for (const f of ['config.yaml', 'aliases.yaml', 'hotkeys.yaml', 'skin.yaml', 'plugins.yaml', 'views.yaml']) assert.ok(text.includes(join(root, 'cfg', 'kdeck', f)), f);

    // the real command, through the CLI
    const r = spawnSync(process.execPath, [bundledBin(), 'info', '--kubeconfig', kc], { encoding: 'utf8', env: { ...process.env, ...env, HOME: root } });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes(`✓ ${join(root, 'cfg', 'kdeck', 'plugins.yaml')}`), r.stdout);
    const bad = spawnSync(process.execPath, [bundledBin(), 'info', '--bogus'], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /usage: kdeck info/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
