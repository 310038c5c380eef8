// Kubernetes resource quantities, enough for describe's sums and percentages: parse to a number of base units
// and print a sum in the canonical form kubectl shows (cpu in millicores, memory in the largest exact binary unit).

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export interface Quantity {
  value: number;
  binary: boolean;
}

export function parseQuantity(text: string | number | undefined): Quantity {
  if (text === undefined) return { value: 0, binary: false };
  if (typeof text === 'number') return { value: text, binary: false };
  const m = /^([+-]?[0-9.]+)(?:[eE]([+-]?\d+))?([a-zA-Z]*)$/.exec(text.trim());
  if (!m) return { value: 0, binary: false };
  const n = Number(m[1]) * (m[2] ? 10 ** Number(m[2]) : 1);
  if (m[3] in BINARY) return { value: n * BINARY[m[3]], binary: true };
  return { value: n * (DECIMAL[m[3]] ?? 1), binary: false };
}

/** A cpu amount as kubectl prints it: "2", "250m", "0". */
export function formatCpu(cores: number): string {
  const milli = Math.round(cores * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** A byte amount: the largest binary (or, for decimal input, decimal) unit that divides it exactly. */
export function formatBytes(q: Quantity): string {
  const v = Math.round(q.value);
  if (v === 0) return '0';
  const units = q.binary ? Object.entries(BINARY).reverse() : [['E', 1e18], ['P', 1e15], ['T', 1e12], ['G', 1e9], ['M', 1e6], ['k', 1e3]] as [string, number][];
  for (const [suffix, size] of units) if (v % size === 0) return `${v / size}${suffix}`;
  return String(v);
}

export function sumQuantities(list: (string | undefined)[]): Quantity {
  let value = 0;
  let binary: boolean | undefined;
  for (const s of list) {
    if (s === undefined) continue;
    const q = parseQuantity(s);
    value += q.value;
    binary ??= q.binary;
  }
  return { value, binary: binary ?? false };
}

const DECIMAL_STEPS: [string, number][] = [['E', 18], ['P', 15], ['T', 12], ['G', 9], ['M', 6], ['k', 3], ['', 0], ['m', -3], ['u', -6], ['n', -9]];

/** Quantity.String(): the canonical form kubectl prints ("8029184Ki" → "7841Mi", "1000m" → "1", "0.5" → "500m"). */
export function canonicalQuantity(text: string | number | undefined): string {
  if (text === undefined) return '';
  const s = String(text).trim();
  if (!/^([+-]?[0-9.]+)(?:[eE]([+-]?\d+))?([a-zA-Z]*)$/.test(s)) return s;
  const q = parseQuantity(s);
  if (q.binary) return formatBytes(q);
  if (q.value === 0) return '0';
  for (const [suffix, exp] of DECIMAL_STEPS) {
    const mantissa = q.value / 10 ** exp;
    const rounded = Math.round(mantissa);
    if (rounded !== 0 && Math.abs(mantissa - rounded) <= 1e-12 * Math.abs(mantissa)) return `${rounded}${suffix}`;
  }
  return s;
}
