// The JSONPath that kubectl's custom-columns and k9s's views.yaml use: `.a.b`, `{.a.b}`, `['key.with.dots']`,
// `a\.b` escapes, `[0]`, `[-1]`, `[1:3]`, `[*]`, `.*`, `..name` (recursive), and filters `[?(@.x == "y")]`
// (==, !=, <, <=, >, >=, or bare existence). Compiled once per column; evaluation never throws.

type Step =
  | { t: 'field'; name: string }
  | { t: 'wild' }
  | { t: 'recurse'; name?: string }
  | { t: 'index'; i: number }
  | { t: 'slice'; start?: number; end?: number }
  | { t: 'filter'; path: Step[]; op?: string; value?: string | number | boolean | null };

export interface JsonPath {
  readonly source: string;
  evaluate(obj: unknown): unknown[];
}

/** Compiles `expr`; a string saying what is wrong when it is not a path kdeck understands. */
export function compileJsonPath(expr: string): JsonPath | string {
  let s = expr.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1).trim();
  if (s.startsWith('$')) s = s.slice(1);
  if (s && !s.startsWith('.') && !s.startsWith('[')) s = '.' + s; // kubectl accepts "metadata.name"
  const steps = parseSteps(s);
  if (typeof steps === 'string') return `${steps} in "${expr}"`;
  return { source: expr, evaluate: (obj) => run(steps, [obj]) };
}

function parseSteps(s: string): Step[] | string {
  const steps: Step[] = [];
  let i = 0;
  const name = (): string => {
    let out = '';
    while (i < s.length) {
      const c = s[i];
      if (c === '\\' && i + 1 < s.length) {
        out += s[i + 1];
        i += 2;
        continue;
      }
      if (c === '.' || c === '[' || c === ' ') break;
      out += c;
      i++;
    }
    return out;
  };
  while (i < s.length) {
    if (s.startsWith('..', i)) {
      i += 2;
      if (s[i] === '[') {
        steps.push({ t: 'recurse' });
        continue;
      }
      const n = name();
      steps.push(n === '*' || n === '' ? { t: 'recurse' } : { t: 'recurse', name: n });
      continue;
    }
    if (s[i] === '.') {
      i++;
      if (s[i] === '[') continue;
      const n = name();
      if (!n) return `an empty name at ${i}`;
      steps.push(n === '*' ? { t: 'wild' } : { t: 'field', name: n });
      continue;
    }
    if (s[i] === '[') {
      const close = matchBracket(s, i);
      if (close < 0) return 'an unclosed "["';
      const inner = s.slice(i + 1, close).trim();
      i = close + 1;
      const step = bracket(inner);
      if (typeof step === 'string') return step;
      steps.push(step);
      continue;
    }
    return `an unexpected "${s[i]}" at ${i}`;
  }
  return steps;
}

function matchBracket(s: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

function bracket(inner: string): Step | string {
  if (inner === '*') return { t: 'wild' };
  const quoted = /^(['"])(.*)\1$/.exec(inner);
  if (quoted) return { t: 'field', name: quoted[2] };
  if (/^-?\d+$/.test(inner)) return { t: 'index', i: Number(inner) };
  const slice = /^(-?\d+)?\s*:\s*(-?\d+)?$/.exec(inner);
  if (slice) return { t: 'slice', start: slice[1] === undefined ? undefined : Number(slice[1]), end: slice[2] === undefined ? undefined : Number(slice[2]) };
  const filter = /^\?\((.*)\)$/.exec(inner);
  if (filter) {
    const m = /^@(\S*?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(filter[1].trim()) ?? /^@(\S*)$/.exec(filter[1].trim());
    if (!m) return `a filter kdeck cannot read: "${inner}"`;
    const path = parseSteps(m[1] || '');
    if (typeof path === 'string') return path;
    if (!m[2]) return { t: 'filter', path };
    return { t: 'filter', path, op: m[2], value: literal(m[3].trim()) };
  }
  return `an unknown selector "[${inner}]"`;
}

function literal(text: string): string | number | boolean | null {
  const q = /^(['"])(.*)\1$/.exec(text);
  if (q) return q[2];
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  const n = Number(text);
  return Number.isNaN(n) ? text : n;
}

function run(steps: Step[], start: unknown[]): unknown[] {
  let cur = start;
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of cur) apply(step, v, next);
    cur = next;
  }
  return cur;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function apply(step: Step, v: unknown, out: unknown[]): void {
  switch (step.t) {
    case 'field':
      if (isObj(v) && Object.hasOwn(v, step.name)) out.push(v[step.name]);
      return;
    case 'wild':
      if (Array.isArray(v)) out.push(...v);
      else if (isObj(v)) out.push(...Object.values(v));
      return;
    case 'index':
      if (Array.isArray(v)) {
        const i = step.i < 0 ? v.length + step.i : step.i;
        if (i >= 0 && i < v.length) out.push(v[i]);
      }
      return;
    case 'slice':
      if (Array.isArray(v)) out.push(...v.slice(step.start, step.end));
      return;
    case 'recurse':
      descend(v, step.name, out, 0);
      return;
    case 'filter':
      if (!Array.isArray(v)) return;
      for (const item of v) if (test(step, item)) out.push(item);
      return;
  }
}

function descend(v: unknown, name: string | undefined, out: unknown[], depth: number): void {
  if (depth > 64) return;
  if (name === undefined) out.push(v);
  else if (isObj(v) && Object.hasOwn(v, name)) out.push(v[name]);
  const children = Array.isArray(v) ? v : isObj(v) ? Object.values(v) : [];
  for (const c of children) descend(c, name, out, depth + 1);
}

function test(step: Extract<Step, { t: 'filter' }>, item: unknown): boolean {
  const found = run(step.path, [item]);
  if (!step.op) return found.length > 0 && found[0] !== false && found[0] !== null;
  if (found.length === 0) return step.op === '!=';
  const a = found[0];
  const b = step.value;
  switch (step.op) {
    case '==': return a === b || (typeof b === 'number' && Number(a) === b) || String(a) === String(b);
    case '!=': return !(a === b || String(a) === String(b));
    case '<': return Number(a) < Number(b);
    case '<=': return Number(a) <= Number(b);
    case '>': return Number(a) > Number(b);
    case '>=': return Number(a) >= Number(b);
  }
  return false;
}

/** A custom-columns cell: results joined with ",", objects as JSON, nothing as "<none>" (as kubectl prints). */
export function jsonPathText(path: JsonPath, obj: unknown): string {
  const vals = path.evaluate(obj).filter((v) => v !== undefined);
  if (vals.length === 0) return '<none>';
  return vals.map((v) => (v === null ? '<none>' : typeof v === 'object' ? JSON.stringify(v) : String(v))).join(',');
}
