import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BuiltinShell, InteractiveSession, ShellExit, parseLine } from '../../../src/simulator/streaming/shell.js';
import type { SimObject } from '../../../src/simulator/types.js';

const pod = { metadata: { name: 'web-1', namespace: 'shop', uid: 'u' }, spec: {}, status: {} } as unknown as SimObject;
function shell(image = 'nginx:1.27') {
  const out = { stdout: '', stderr: '' };
  const sh = new BuiltinShell({ pod, container: 'web', image, env: { APP: 'shop' } }, { stdout: (s) => (out.stdout += s), stderr: (s) => (out.stderr += s) });
  return { sh, out };
}

test('parseLine: quotes, variables, $? and the ; && || operators', () => {
  assert.deepEqual(parseLine(`echo 'a b' "c $X" d\\ e; true && false || echo $?`, (n) => (n === 'X' ? 'x' : '1')), [
    { argv: ['echo', 'a b', 'c x', 'd e'], op: ';' },
    { argv: ['true'], op: ';' },
    { argv: ['false'], op: '&&' },
    { argv: ['echo', '1'], op: '||' },
  ]);
});

test('builtins: echo, cat of the pod files, env, ls, unknown commands exit 127, exit N', async () => {
  const { sh, out } = shell();
  assert.equal(await sh.runLine('echo hi; cat /etc/hostname; printenv APP'), 0);
  assert.equal(out.stdout, 'hi\nweb-1\nshop\n');
  assert.equal(await sh.runLine('frob'), 127);
  assert.match(out.stderr, /frob: not found/);
  assert.equal(await sh.runLine('cat /etc/os-release && ls /etc'), 0);
  assert.match(out.stdout, /Debian GNU\/Linux 12/);
  assert.match(out.stdout, /hostname\nhosts\nos-release\nresolv.conf\n/);
  await assert.rejects(sh.runLine('exit 300'), (e: unknown) => e instanceof ShellExit && e.code === 44);
});

test('interactive tty: prompt, echo, backspace, Enter runs the line, Ctrl-D exits with the last status', async () => {
  const { sh } = shell('redis:7-alpine');
  let screen = '';
  let code: number | undefined;
  const s = new InteractiveSession(sh, (t) => (screen += t), true, (c) => (code = c));
  assert.equal(screen, '/ # ');
  s.input('hostnamx\x7fe\r');
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(screen, '/ # hostnamx\x08 \x08e\r\n/ # '); // the command's own output goes to the shell's stdout
  s.input('false\r');
  await new Promise((r) => setTimeout(r, 10));
  s.input('\x04');
  assert.equal(code, 1);
});
