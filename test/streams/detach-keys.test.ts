// The detach keys and the local line editor of an attach: pure functions over typed bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DetachKeys, LineEditor } from '../../src/streams/detach-keys.js';
import { attachKeys } from '../../src/streams/attach.js';

const b = (s: string) => Buffer.from(s, 'binary');

test('Ctrl-P Ctrl-Q detaches; what came before it still goes to the process', () => {
  const k = new DetachKeys();
  assert.deepEqual(k.feed(b('ls\r')), { forward: b('ls\r'), detach: false });
  assert.deepEqual(k.feed(b('pwd\x10\x11ignored')), { forward: b('pwd'), detach: true });
});

test('the sequence split over two reads still detaches; a lone Ctrl-P is held, then sent with the next key', () => {
  const k = new DetachKeys();
  assert.deepEqual(k.feed(b('\x10')), { forward: b(''), detach: false }, 'held, not sent yet');
  assert.deepEqual(k.feed(b('\x11')), { forward: b(''), detach: true });
  const h = new DetachKeys();
  h.feed(b('\x10'));
  assert.deepEqual(h.feed(b('x')), { forward: b('\x10x'), detach: false }, 'Ctrl-P then x: both reach the process');
  assert.deepEqual(h.feed(b('\x10\x10\x11')), { forward: b('\x10'), detach: true }, 'Ctrl-P Ctrl-P Ctrl-Q: one Ctrl-P sent, then detach');
});

test('Ctrl-C and Ctrl-D reach a process with stdin; output only, Ctrl-C detaches and nothing is sent', () => {
  assert.deepEqual(new DetachKeys().feed(b('\x03\x04')), { forward: b('\x03\x04'), detach: false });
  const ro = new DetachKeys(true);
  assert.deepEqual(ro.feed(b('typed')), { forward: b(''), detach: false });
  assert.deepEqual(ro.feed(b('x\x03')), { forward: b(''), detach: true });
  assert.equal(new DetachKeys(true).feed(b('\x10\x11')).detach, true);
});

test('line editor: echo, backspace, Ctrl-U, arrow keys dropped; a line is sent on Enter with \\n', () => {
  const e = new LineEditor();
  assert.deepEqual(e.feed('echo hx'), { echo: 'echo hx', send: '' });
  assert.deepEqual(e.feed('\x7fi\x1b[A'), { echo: '\b \bi', send: '' });
  assert.deepEqual(e.feed('\r'), { echo: '\r\n', send: 'echo hi\n' });
  assert.deepEqual(e.feed('abc\x15'), { echo: `abc${'\b \b'.repeat(3)}`, send: '' });
  assert.deepEqual(e.feed('ok\rnext'), { echo: 'ok\r\nnext', send: 'ok\n' });
});

test('attachKeys: a tty passes keys as typed, no tty edits lines here, no stdin sends nothing', () => {
  const tty = attachKeys({ container: 'c', stdin: true, tty: true });
  assert.deepEqual(tty(b('ls\r')), { forward: b('ls\r'), detach: false });
  const lines = attachKeys({ container: 'c', stdin: true, tty: false });
  assert.deepEqual(lines(b('ls')), { forward: b(''), echo: 'ls', detach: false });
  assert.deepEqual(lines(b('\r\x10\x11')), { forward: b('ls\n'), echo: '\r\n', detach: true });
  const none = attachKeys({ container: 'c', stdin: false, tty: false });
  assert.deepEqual(none(b('ls\r')), { forward: b(''), detach: false });
  assert.equal(none(b('\x03')).detach, true);
});
