// YAML for kdeck's own files (aliases, hotkeys, skin, plugins, views): every node keeps its line, so a mistake is
// reported as `file:line: what is wrong`, and every mapping is read against a list of known keys.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { KdeckError } from '../errors.js';

export type LNode =
  | { kind: 'map'; line: number; entries: Map<string, { keyLine: number; value: LNode }> }
  | { kind: 'seq'; line: number; items: LNode[] }
  | { kind: 'scalar'; line: number; value: unknown; source?: string };

export type LMap = Extract<LNode, { kind: 'map' }>;

/** A config file mistake: the message starts with file:line and the hint says how to fix it. */
export function configError(file: string, line: number | undefined, what: string, hint?: string): KdeckError {
  return new KdeckError('usage', `${file}${line ? `:${line}` : ''}: ${what}`, hint ?? `fix ${file}${line ? ` at line ${line}` : ''} (see the Config section of the README)`);
}

/** Parses the first document; null for an empty file. */
export function parseLocated(text: string, file: string): LNode | null {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, merge: true });
  const problem = doc.errors[0];
  if (problem) {
    const line = lines.linePos(problem.pos[0]).line;
    throw configError(file, line, `invalid YAML: ${problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  const lineOf = (n: unknown): number => {
    const r = (n as { range?: [number, number, number] } | null)?.range;
    return r ? lines.linePos(r[0]).line : 0;
  };
  const walk = (node: unknown, depth: number): LNode => {
    if (depth > 50) throw configError(file, lineOf(node), 'nested too deeply');
    if (isAlias(node)) return walk(node.resolve(doc as Document), depth + 1);
    if (isMap(node)) {
      const entries = new Map<string, { keyLine: number; value: LNode }>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keyLine = lineOf(pair.key);
        if (key === '<<') {
          // merge keys: explicit keys win
          const merged = walk(pair.value, depth + 1);
          for (const m of merged.kind === 'seq' ? merged.items : [merged]) {
            if (m.kind === 'map') for (const [k, v] of m.entries) if (!entries.has(k)) entries.set(k, v);
          }
          continue;
        }
        entries.set(key, { keyLine, value: pair.value == null ? { kind: 'scalar', line: keyLine, value: null } : walk(pair.value, depth + 1) });
      }
      return { kind: 'map', line: lineOf(node), entries };
    }
    if (isSeq(node)) return { kind: 'seq', line: lineOf(node), items: node.items.map((i) => walk(i, depth + 1)) };
    if (isScalar(node)) return { kind: 'scalar', line: lineOf(node), value: node.value, source: node.source };
    return { kind: 'scalar', line: lineOf(node), value: null };
  };
  if (doc.contents === null) return null;
  return walk(doc.contents as YamlNode, 0);
}

/** Typed reads from located nodes; every failure names the file, the line and the path of the key. */
export class ConfigReader {
  constructor(readonly file: string) {}

  fail(line: number | undefined, what: string, hint?: string): never {
    throw configError(this.file, line, what, hint);
  }

  isNull(n: LNode | undefined): boolean {
    return !n || (n.kind === 'scalar' && n.value === null);
  }

  map(n: LNode | undefined, where: string): LMap | undefined {
    if (this.isNull(n)) return undefined;
    if (n!.kind !== 'map') this.fail(n!.line, `"${where}" must be a mapping`);
    return n as LMap;
  }

  /** Throws on the first key not in `known`, naming it and listing the known ones. */
  checkKeys(m: LMap, known: readonly string[], where: string): void {
    for (const [k, { keyLine }] of m.entries) {
      if (!known.includes(k)) this.fail(keyLine, `unknown key "${k}"${where ? ` in ${where}` : ''} (known: ${known.join(', ')})`, `remove or rename "${k}" at ${this.file}:${keyLine}`);
    }
  }

  string(n: LNode | undefined, where: string, opts: { required?: boolean; line?: number } = {}): string | undefined {
    if (this.isNull(n)) {
      if (opts.required) this.fail(n?.line ?? opts.line, `"${where}" is required`);
      return undefined;
    }
    if (n!.kind !== 'scalar' || (typeof n!.value !== 'string' && typeof n!.value !== 'number')) this.fail(n!.line, `"${where}" must be a string`);
    return typeof n!.value === 'number' ? (n as { source?: string }).source ?? String(n!.value) : (n!.value as string);
  }

  bool(n: LNode | undefined, where: string): boolean {
    if (this.isNull(n)) return false;
    if (n!.kind !== 'scalar' || typeof n!.value !== 'boolean') this.fail(n!.line, `"${where}" must be true or false`);
    return n!.value as boolean;
  }

  stringList(n: LNode | undefined, where: string): string[] {
    if (this.isNull(n)) return [];
    if (n!.kind !== 'seq') this.fail(n!.line, `"${where}" must be a list of strings`);
    return (n as Extract<LNode, { kind: 'seq' }>).items.map((item, i) => this.string(item, `${where}[${i}]`, { required: true }) as string);
  }
}

export const get = (m: LMap | undefined, key: string): LNode | undefined => m?.entries.get(key)?.value;
export const keyLine = (m: LMap | undefined, key: string): number | undefined => m?.entries.get(key)?.keyLine;
