// A small seeded PRNG (mulberry32) so that a seed always grows the same cluster.

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = (seed >>> 0) ^ 0x9e3779b9;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Lowercase hex of `length` digits. */
  hex(length: number): string {
    let s = '';
    while (s.length < length) s += ((this.next() * 0x100000000) >>> 0).toString(16).padStart(8, '0');
    return s.slice(0, length);
  }
  /** A version-4-shaped UUID. */
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  /** Characters Kubernetes uses for generated names (no vowels, no confusable digits). */
  nameSuffix(length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += SAFE_CHARS[Math.floor(this.next() * SAFE_CHARS.length)];
    return s;
  }
}

export const SAFE_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

/** A stable hash of a string to 32 bits (FNV-1a), for values derived from names. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A pod-template-hash-like 10-character string derived from text (deterministic). */
export function templateHash(text: string): string {
  let h = hashString(text);
  let s = '';
  for (let i = 0; i < 10; i++) {
    s += SAFE_CHARS[h % SAFE_CHARS.length];
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
    h = (h + i * 7919) >>> 0;
  }
  return s;
}
