// The keyboard-only dialog: moving between fields, changing choices and toggles, typing, the refusal of a
// half-typed value (nothing submitted), Esc.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dialogKey, dialogLines, parseDuration, seconds, type Dialog } from '../../src/ui-state/dialog.js';
import { key } from './helpers/fakes.js';

const dialog = (): Dialog => ({
  action: 'delete', title: 'Delete pod a/b?', lines: [], focus: 0, targets: [{ namespace: 'a', name: 'b', uid: 'u' }],
  fields: [
    { kind: 'choice', name: 'propagation', label: 'propagation', options: ['Background', 'Foreground', 'Orphan'], value: 'Background' },
    { kind: 'text', name: 'grace', label: 'grace', value: '', validate: seconds },
    { kind: 'toggle', name: 'force', label: 'force', value: false },
  ],
});

function press(d: Dialog, ...keys: [string, Partial<ReturnType<typeof key>>?][]): ReturnType<typeof dialogKey> {
  let out: ReturnType<typeof dialogKey> = { kind: 'open', dialog: d };
  for (const [input, k] of keys) {
    if (out.kind !== 'open') break;
    out = dialogKey(out.dialog, input, key(k));
  }
  return out;
}

test('fields: ←/→ change a choice, Tab moves, typing edits, Space toggles, Enter submits the values', () => {
  const out = press(dialog(), ['', { leftArrow: true }], ['', { tab: true }], ['1'], ['0'], ['', { backspace: true }], ['5'], ['', { downArrow: true }], [' '], ['', { return: true }]);
  assert.equal(out.kind, 'submit');
  assert.deepEqual(out.kind === 'submit' && out.values, { propagation: 'Orphan', grace: '15', force: true });
});

test('a half-typed value is refused with the reason, focused, and nothing is submitted; Esc cancels', () => {
  const out = press(dialog(), ['', { tab: true }], ['5'], ['x'], ['', { return: true }]);
  assert.equal(out.kind, 'open');
  const d = out.kind === 'open' ? out.dialog : undefined;
  assert.equal(d?.error, 'grace: a whole number of seconds, or empty for the default');
  assert.equal(d?.focus, 1);
  assert.ok(dialogLines(d!).some((l) => l.error && l.text === d!.error));
  assert.equal(press(d!, ['', { escape: true }]).kind, 'cancel');
  assert.equal(press(dialog(), ['', { shift: true, tab: true }], ['', { return: true }]).kind, 'submit', 'Shift-Tab wraps to the last field');
});

test('durations and seconds as the dialogs read them', () => {
  assert.equal(parseDuration('60s'), 60_000);
  assert.equal(parseDuration('2m'), 120_000);
  assert.equal(parseDuration('1h'), 3_600_000);
  for (const bad of ['', '60', 's', '1.5m', '-1s']) assert.equal(parseDuration(bad), undefined, bad);
  assert.equal(seconds(''), undefined);
  assert.equal(seconds('30'), undefined);
  assert.ok(seconds('3x'));
});
