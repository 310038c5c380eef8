// kubectl describe's PrefixWriter and the small formatters every describer shares (labels, annotations, times,
// selectors, tolerations). Lines are written with tabs and aligned by alignTabs at each flush, as kubectl does.
import { alignTabs } from './tabwriter.js';
import { humanDuration } from '../../api/duration.js';

export type Obj = Record<string, any>;

export class PrefixWriter {
  private done: string[] = [];
  private pending = '';

  /** Writes text at an indent level (two spaces a level), like kubectl's w.Write(LEVEL_n, ...). */
  write(level: number, text: string): void {
    this.pending += '  '.repeat(level) + text;
  }

  /** Ends the current alignment block (kubectl flushes its tabwriter before the events table). */
  flush(): void {
    if (this.pending) this.done.push(alignTabs(this.pending));
    this.pending = '';
  }

  toString(): string {
    this.flush();
    return this.done.join('');
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in the local zone: "Mon, 02 Jan 2006 15:04:05 -0700". */
export function rfc1123z(value: string | undefined): string {
  const t = Date.parse(value ?? '');
  if (Number.isNaN(t)) return '<unknown>';
  const offsetMin = -new Date(t).getTimezoneOffset();
  const d = new Date(t + offsetMin * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMin < 0 ? '-' : '+';
  const off = Math.abs(offsetMin);
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${sign}${p(Math.floor(off / 60))}${p(off % 60)}`;
}

/** kubectl's translateTimestampSince: a human age, or <unknown> for no time. */
export function since(value: string | undefined | null, now: number): string {
  const t = Date.parse(value ?? '');
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
}

export const orNone = (s: string | undefined | null) => (s ? s : '<none>');
/** Go's %v of an optional bool/number pointer. */
export const goValue = (v: unknown) => (v === undefined || v === null ? '<nil>' : String(v));

/** "Labels:\tk=v" then one "\tk=v" line per further label (printLabelsMultilineWithIndent). */
export function labelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (!keys.length) return w.write(0, '<none>\n');
  keys.forEach((k, i) => {
    if (i) w.write(0, initialIndent + innerIndent);
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

/** The "Name:" (and, for namespaced kinds, "Namespace:") lines that open a describe. */
export function nameLines(w: PrefixWriter, m: Obj, opts: { namespace: boolean } = { namespace: true }): void {
  w.write(0, `Name:\t${m.name ?? ''}\n`);
  if (opts.namespace) w.write(0, `Namespace:\t${m.namespace ?? ''}\n`);
}

/** The object's "Labels:" and "Annotations:" blocks, as every describer prints them. */
export function labelLines(w: PrefixWriter, m: Obj): void {
  labelsMultiline(w, 'Labels', m.labels);
  annotationsMultiline(w, 'Annotations', m.annotations);
}

const MAX_ANNOTATION = 140;
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** Annotations as kubectl prints them: long or multi-line values on their own indented lines, shortened. */
export function annotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIPPED_ANNOTATIONS.has(k)).sort();
  if (!keys.length) return w.write(0, '<none>\n');
  const indent = initialIndent + innerIndent;
  keys.forEach((k, i) => {
    if (i) w.write(0, indent);
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(0, `${indent}  ${s.length > MAX_ANNOTATION - 2 ? `${s.slice(0, MAX_ANNOTATION - 2)}...` : s}\n`);
    } else w.write(0, `${k}: ${value}\n`);
  });
}

/** metav1.FormatLabelSelector: "a=b,c in (d,e)", "<none>" for an empty selector. */
export function formatSelector(sel: Obj | undefined): string {
  if (!sel) return '<none>';
  const parts: [string, string][] = [];
  for (const [k, v] of Object.entries((sel.matchLabels ?? {}) as Record<string, string>)) parts.push([k, `${k}=${v}`]);
  for (const e of (sel.matchExpressions ?? []) as { key: string; operator: string; values?: string[] }[]) {
    const vals = [...(e.values ?? [])].sort().join(',');
    const text = e.operator === 'In' ? `${e.key} in (${vals})` : e.operator === 'NotIn' ? `${e.key} notin (${vals})` : e.operator === 'Exists' ? e.key : `!${e.key}`;
    parts.push([e.key, text]);
  }
  if (!parts.length) return '<none>';
  return parts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((p) => p[1]).join(',');
}

/** labels.FormatLabels of a plain map (service selectors, node selectors). */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

/** Tolerations, one a line: key=value:Effect op=Exists for Ns. */
export function tolerationsMultiline(w: PrefixWriter, title: string, tolerations: Obj[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations?.length) return w.write(0, '<none>\n');
  tolerations.forEach((t, i) => {
    if (i) w.write(0, initialIndent + innerIndent);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

/** Taints, one a line: key=value:Effect. */
export function taintsMultiline(w: PrefixWriter, title: string, taints: Obj[] | undefined): void {
  w.write(0, `${title}:\t`);
  if (!taints?.length) return w.write(0, '<none>\n');
  taints.forEach((t, i) => {
    if (i) w.write(0, '\t');
    w.write(0, `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`);
  });
}

/** "Kind/name" of the controlling owner, or ''. */
export function controllerOf(obj: Obj): string {
  const ref = ((obj.metadata?.ownerReferences ?? []) as Obj[]).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** Go's %v of a string slice: [a b]. */
export const goList = (xs: unknown[] | undefined) => `[${(xs ?? []).join(' ')}]`;
