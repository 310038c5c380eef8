// --request-timeout as kubectl reads it: a bare integer is seconds, otherwise Go's time.ParseDuration
// ("1h2m", "1.5s", "300ms", "10us"); "0" means no timeout.
import { KdeckError } from '../errors.js';

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds; 0 for no timeout. Throws a usage error on anything kubectl would refuse. */
export function parseRequestTimeout(value: string): number {
  const text = value.trim();
  if (/^[+-]?\d+$/.test(text)) return checkSign(Number(text) * 1000, value);
  const ms = parseGoDuration(text);
  if (ms === undefined) {
    throw new KdeckError(
      'usage',
      `invalid --request-timeout "${value}"`,
      'Give a whole number of seconds or a number with a unit, e.g. 30, 5s, 2m, 1h (0 for no timeout).',
    );
  }
  return checkSign(ms, value);
}

function checkSign(ms: number, value: string): number {
  if (ms < 0) throw new KdeckError('usage', `invalid --request-timeout "${value}": it must not be negative`, 'Use 0 for no timeout.');
  return ms;
}

function parseGoDuration(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  const part = /^(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;
  while (rest !== '') {
    const m = part.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]];
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}
