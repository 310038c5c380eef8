// kubectl's generic describer for any other kind and custom resources: name, namespace, labels, annotations,
// then every field of the object as nested "Smart Label: value" lines, then the events.
import { PrefixWriter, labelLines, nameLines, type Obj } from './writer.js';
import { describeEvents } from './events.js';
import type { DescribeInputs } from './kinds.js';

const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** "apiVersion" → "API Version", "creationTimestamp" → "Creation Timestamp"; names with other characters stay. */
export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  // camelcase.Split: runs of lower, upper, digits, other; an upper run's last letter starts the next word.
  const runs: string[] = [];
  const kind = (ch: string) => (/\p{Ll}/u.test(ch) ? 'l' : /\p{Lu}/u.test(ch) ? 'u' : /\d/.test(ch) ? 'd' : 'o');
  let prev = '';
  for (const ch of field) {
    const k = kind(ch);
    if (runs.length && k === prev) runs[runs.length - 1] += ch;
    else runs.push(ch);
    prev = k;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (kind(runs[i][0]) === 'u' && kind(runs[i + 1][0]) === 'l') {
      runs[i + 1] = runs[i].slice(-1) + runs[i + 1];
      runs[i] = runs[i].slice(0, -1);
    }
  }
  return runs
    .filter((p) => p && p !== '_')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1)))
    .join(' ');
}

const SKIP = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);

const scalar = (v: unknown) => (v === null ? '<nil>' : String(v));

function content(w: PrefixWriter, level: number, obj: Obj, prefix: string): void {
  for (const field of Object.keys(obj).sort()) {
    const value = obj[field];
    const path = `${prefix}.${field}`;
    if (SKIP.has(path)) continue;
    if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) content(w, level + 1, child, path);
        else w.write(level + 1, `${Array.isArray(child) ? `[${child.join(' ')}]` : scalar(child)}\n`);
      }
    } else if (value && typeof value === 'object') {
      w.write(level, `${smartLabel(field)}:\n`);
      content(w, level + 1, value, path);
    } else w.write(level, `${smartLabel(field)}:\t${scalar(value)}\n`);
  }
}

export function describeGeneric(w: PrefixWriter, { object, events, now }: DescribeInputs): void {
  const m = object.metadata ?? {};
  nameLines(w, m);
  labelLines(w, m);
  content(w, 0, object, '');
  describeEvents(w, events, now);
}
