// Keyboard-only dialogs (confirmations, delete options, scale, drain options): a pure model and its key handler.
// Tab/↓ and Shift-Tab/↑ move between fields, ←/→ or Space change a choice or a toggle, typing edits a text
// field, Enter submits only when every field holds a valid value (a half-typed one shows why and sends
// nothing), Esc cancels.
import type { Key } from 'ink';

export type DialogField =
  | { kind: 'choice'; name: string; label: string; options: string[]; value: string }
  | { kind: 'toggle'; name: string; label: string; value: boolean }
  | { kind: 'text'; name: string; label: string; value: string; hint?: string; validate(text: string): string | undefined };

export interface Dialog {
  /** What runs on submit (the actions module's name for it). */
  action: string;
  title: string;
  /** Lines under the title: the objects it acts on, warnings (a Terminating object). */
  lines: string[];
  fields: DialogField[];
  focus: number;
  /** Why the last Enter was refused. */
  error?: string;
  /** What the action works on: row identities (namespace/name/uid), kept for submit. */
  targets: { namespace?: string; name: string; uid: string; terminating?: boolean }[];
}

export type DialogValues = Record<string, string | boolean>;

export type DialogOutcome =
  | { kind: 'open'; dialog: Dialog }
  | { kind: 'cancel' }
  | { kind: 'submit'; dialog: Dialog; values: DialogValues };

function withField(d: Dialog, f: DialogField): Dialog {
  const fields = d.fields.slice();
  fields[d.focus] = f;
  return { ...d, fields, error: undefined };
}

function step(f: DialogField, delta: 1 | -1): DialogField {
  if (f.kind === 'toggle') return { ...f, value: !f.value };
  if (f.kind === 'choice') {
    const i = f.options.indexOf(f.value);
    return { ...f, value: f.options[(i + delta + f.options.length) % f.options.length]! };
  }
  return f;
}

export function dialogKey(d: Dialog, input: string, key: Key): DialogOutcome {
  if (key.escape || (key.ctrl && input === 'c')) return { kind: 'cancel' };
  const n = d.fields.length;
  const f = d.fields[d.focus];
  if (key.return) {
    const values: DialogValues = {};
    for (const field of d.fields) {
      if (field.kind === 'text') {
        const why = field.validate(field.value);
        if (why) return { kind: 'open', dialog: { ...d, focus: d.fields.indexOf(field), error: `${field.label}: ${why}` } };
      }
      values[field.name] = field.value;
    }
    return { kind: 'submit', dialog: d, values };
  }
  if (n > 0 && ((key.tab && !key.shift) || key.downArrow)) return { kind: 'open', dialog: { ...d, focus: (d.focus + 1) % n } };
  if (n > 0 && ((key.tab && key.shift) || key.upArrow)) return { kind: 'open', dialog: { ...d, focus: (d.focus + n - 1) % n } };
  if (!f) return { kind: 'open', dialog: d };
  if (f.kind !== 'text') {
    if (key.rightArrow || input === ' ') return { kind: 'open', dialog: withField(d, step(f, 1)) };
    if (key.leftArrow) return { kind: 'open', dialog: withField(d, step(f, -1)) };
    return { kind: 'open', dialog: d };
  }
  if (key.backspace || key.delete) return { kind: 'open', dialog: withField(d, { ...f, value: f.value.slice(0, -1) }) };
  if (input && !key.ctrl && !key.meta && /^[\x20-\x7e]+$/.test(input)) return { kind: 'open', dialog: withField(d, { ...f, value: f.value + input }) };
  return { kind: 'open', dialog: d };
}

/** The dialog as lines for the screen: title, lines, one line per field (focused one marked), error, keys. */
export function dialogLines(d: Dialog): { text: string; focus?: boolean; error?: boolean }[] {
  const out: { text: string; focus?: boolean; error?: boolean }[] = [{ text: d.title }, ...d.lines.map((l) => ({ text: `  ${l}` })), { text: '' }];
  d.fields.forEach((f, i) => {
    const value = f.kind === 'toggle' ? (f.value ? '[x]' : '[ ]') : f.kind === 'choice' ? f.options.map((o) => (o === f.value ? `(${o})` : ` ${o} `)).join(' ') : `[${f.value}${i === d.focus ? '_' : ''}]${f.kind === 'text' && f.hint ? `  ${f.hint}` : ''}`;
    out.push({ text: `${i === d.focus ? '>' : ' '} ${f.label}: ${value}`, focus: i === d.focus });
  });
  if (d.error) out.push({ text: d.error, error: true });
  out.push({ text: '' }, { text: d.fields.length ? 'Enter confirm · Esc cancel · Tab/↑↓ field · ←/→/Space change' : 'Enter confirm · Esc cancel' });
  return out;
}

/** A whole number of seconds (blank = the default), for grace periods. */
export function seconds(text: string): string | undefined {
  return text.trim() === '' || /^\d{1,6}$/.test(text.trim()) ? undefined : 'a whole number of seconds, or empty for the default';
}

/** A duration such as 60s, 2m, 1h (kubectl's --timeout), as milliseconds; undefined when not one. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,5})(s|m|h)$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h'];
}
