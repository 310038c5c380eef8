// An interactive exec plugin (like kubelogin's device-code prompt) run in a real terminal (tmux) through
// prepareInteractiveCredentials: it gets stdin, its prompt reaches the terminal, it sees interactive: true, and
// once the app owns the screen the cached credential is used without running it again.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeSpec } from '../helpers/spec.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kdeck-interactive-'));
const session = `kdeck-c2-${process.pid}`;

after(() => {
  try {
    execFileSync('tmux', ['kill-session', '-t', session], { stdio: 'ignore' });
  } catch {
    // already ended
  }
  rmSync(dir, { recursive: true, force: true });
});

async function waitFor(what: string, check: () => boolean, limitMs = 30_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const pane = () => execFileSync('tmux', ['capture-pane', '-p', '-t', session], { encoding: 'utf8' });

test('prepareInteractiveCredentials hands the terminal to an interactive plugin, then the app reuses its credential', async () => {
  const plugin = join(dir, 'kubelogin');
  writeFileSync(plugin, [
    '#!/bin/bash',
    `echo run >> "${dir}/count"`,
    `printf '%s' "$KUBERNETES_EXEC_INFO" > "${dir}/info.json"`,
    'printf "Open https://login.example/device and enter the code. Code: " >&2',
    'read -r code',
    'if [ "$code" != "4242" ]; then echo "wrong code" >&2; exit 1; fi',
    `echo '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"tok-device","expirationTimestamp":"2099-01-01T00:00:00Z"}}'`,
    '',
  ].join('\n'));
  chmodSync(plugin, 0o755);
  const spec = makeSpec('https://127.0.0.1:1', {
    contextName: 'oidc-ctx', userName: 'oidc-user',
    credential: { kind: 'exec', exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, args: [], env: [], provideClusterInfo: false, interactiveMode: 'Always' } },
  });
  const driver = join(dir, 'driver.mts');
  writeFileSync(driver, `
    import { writeFileSync } from 'node:fs';
    import { prepareInteractiveCredentials } from ${JSON.stringify(join(root, 'src/auth/interactive.ts'))};
    import { execCredentialCache } from ${JSON.stringify(join(root, 'src/auth/exec-cache.ts'))};
    import { setTerminalOwnedByApp } from ${JSON.stringify(join(root, 'src/auth/terminal.ts'))};
    const spec = ${JSON.stringify(spec)};
    try {
      await prepareInteractiveCredentials(spec);
      setTerminalOwnedByApp(true);
      const again = await execCredentialCache.get(spec);
      writeFileSync(${JSON.stringify(join(dir, 'result'))}, again.token === 'tok-device' ? 'ok' : 'wrong token');
    } catch (e) {
      writeFileSync(${JSON.stringify(join(dir, 'result'))}, 'error: ' + e.message);
    }
  `);
  execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '160', '-y', '20', '-c', root,
    `${process.execPath} --import tsx ${driver}; sleep 30`]);
  await waitFor('the plugin prompt', () => pane().includes('Code:'));
  execFileSync('tmux', ['send-keys', '-t', session, '4242', 'Enter']);
  // the file appears before its content does: wait for both
  await waitFor('the driver result', () => existsSync(join(dir, 'result')) && readFileSync(join(dir, 'result'), 'utf8') !== '');
  assert.equal(readFileSync(join(dir, 'result'), 'utf8'), 'ok');
  assert.equal(readFileSync(join(dir, 'count'), 'utf8').trim().split('\n').length, 1);
  const info = JSON.parse(readFileSync(join(dir, 'info.json'), 'utf8')) as { spec: { interactive: boolean } };
  assert.equal(info.spec.interactive, true);
});
