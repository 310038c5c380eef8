// Reads a kubeconfig file's YAML the way kubectl does (go-yaml v2 semantics via sigs.k8s.io/yaml, then
// Go's encoding/json): YAML 1.1 booleans (yes/no/on/off), and strict types per key.
import { Alias, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, Scalar } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { KubeconfigError } from '../errors.js';

/** A YAML value with maps and lists made plain and every leaf kept as its Scalar (value + source text). */
export type Tree = Scalar | Tree[] | { [key: string]: Tree } | null;

export function parseYamlTree(text: string, file: string): Tree {
  // Like go-yaml's Unmarshal, only the first document counts; later ones are not even parsed for errors.
  const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false, merge: true, prettyErrors: true });
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (!doc) return null;
  const problem = doc.errors[0];
  if (problem) {
    // Only the first line of the parser's message: the rest quotes the file, which may hold a secret.
    const line = problem.linePos?.[0]?.line;
    const what = problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    if (/call stack/i.test(what)) throw tooDeep(file, line);
    throw new KubeconfigError(`${file}${line ? `:${line}` : ''}: invalid YAML: ${what}`, {
      file,
      hint: `Fix the YAML syntax${line ? ` near line ${line}` : ''} of ${file} (kubectl refuses this file too).`,
    });
  }
  return new TreeBuilder(doc, file).build(doc.contents as YamlNode | null);
}

/** Deeper than any kubeconfig needs, and far below the depth where the parser itself runs out of stack. */
export const MAX_YAML_DEPTH = 100;

function tooDeep(file: string, line?: number): KubeconfigError {
  return new KubeconfigError(`${file}${line ? `:${line}` : ''}: the YAML is nested more than ${MAX_YAML_DEPTH} levels deep; a kubeconfig never is`, {
    file,
    hint: `Check that ${file} is a kubeconfig file, or remove it from KUBECONFIG (kdeck refuses YAML nested over ${MAX_YAML_DEPTH} levels).`,
  });
}

/**
 * go-yaml's guard against alias bombs ("billion laughs"), which kubectl inherits: once more than 100 aliases and
 * 1,000 nodes were expanded, refuse when the share of nodes that came from aliases passes a ratio that falls
 * from 99% (up to 400,000 nodes) to 10% (4,000,000). A 1 KB file of 9 anchors x 9 aliases is refused at once.
 */
function allowedAliasRatio(decoded: number): number {
  if (decoded <= 400_000) return 0.99;
  if (decoded >= 4_000_000) return 0.1;
  return 0.99 - (0.89 * (decoded - 400_000)) / 3_600_000;
}

/** Turns the parsed document into a Tree, counting nodes so aliases and depth stay bounded. */
class TreeBuilder {
  private decoded = 0;
  private fromAliases = 0;
  private aliasDepth = 0;
  private aliases = 0;
  private readonly resolved = new Map<Alias, unknown>();

  constructor(
    private readonly doc: Document,
    private readonly file: string,
  ) {}

  build(node: unknown, depth = 0): Tree {
    if (depth > MAX_YAML_DEPTH) throw tooDeep(this.file);
    if (node === null || node === undefined) return null;
    this.count();
    if (isAlias(node)) return this.expand(node as Alias, depth);
    if (isScalar(node)) return node;
    if (isSeq(node)) return node.items.map((item) => this.build(item, depth + 1));
    if (isMap(node)) {
      const out: { [key: string]: Tree } = {};
      const merges: Tree[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        // With `merge: true` the parser gives a merge key the value Symbol(<<), not the string.
        if (isScalar(pair.key) && (typeof pair.key.value === 'symbol' || pair.key.value === '<<')) {
          merges.push(this.build(pair.value, depth + 1));
          continue;
        }
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        out[key] = this.build(pair.value, depth + 1);
      }
      // YAML merge keys: explicit keys win over merged ones.
      for (const merged of merges.flat()) {
        if (merged && !(merged instanceof Scalar) && !Array.isArray(merged)) {
          for (const [k, v] of Object.entries(merged)) if (!(k in out)) out[k] = v;
        }
      }
      return out;
    }
    return null;
  }

  private expand(alias: Alias, depth: number): Tree {
    this.aliases++;
    if (!this.resolved.has(alias)) this.resolved.set(alias, alias.resolve(this.doc));
    this.aliasDepth++;
    try {
      return this.build(this.resolved.get(alias), depth + 1);
    } finally {
      this.aliasDepth--;
    }
  }

  private count(): void {
    this.decoded++;
    if (this.aliasDepth > 0) this.fromAliases++;
    if (this.aliases > 100 && this.decoded > 1000 && this.fromAliases / this.decoded > allowedAliasRatio(this.decoded)) {
      throw new KubeconfigError(`${this.file}: the YAML has excessive aliasing (anchors and aliases that expand exponentially)`, {
        file: this.file,
        hint: `Remove the nested anchors and aliases (&name / *name) from ${this.file}; kubectl refuses this file too ("excessive aliasing").`,
      });
    }
  }
}

export function isNullTree(t: Tree | undefined): boolean {
  return t === undefined || t === null || (t instanceof Scalar && t.value === null);
}

export function isObjectTree(t: Tree | undefined): t is { [key: string]: Tree } {
  return !!t && !(t instanceof Scalar) && !Array.isArray(t);
}

/** Reads typed fields out of one object of the tree; errors name the file and the path to the key. */
export class FieldReader {
  constructor(
    readonly file: string,
    readonly where: string,
    readonly obj: { [key: string]: Tree },
  ) {}

  private fail(key: string, expected: string, hint?: string): never {
    throw new KubeconfigError(`${this.file}: ${this.where}: "${key}" must be ${expected}`, {
      file: this.file,
      hint: hint ?? `Fix "${key}" in ${this.file} (kubectl refuses this file too).`,
    });
  }

  /**
   * String keys take only YAML strings: kubectl refuses `password: 0123` or `token: yes` ("cannot
   * unmarshal number into Go struct field"), so do we, and say to quote the value.
   */
  string(key: string): string | undefined {
    const t = this.obj[key];
    if (isNullTree(t)) return undefined;
    if (!(t instanceof Scalar)) this.fail(key, 'a string');
    const s = t as Scalar;
    const text = goYamlString(s);
    if (text === undefined) {
      this.fail(key, `a string, but YAML reads it as a ${typeof s.value}`, `Put the value of "${key}" in quotes in ${this.file} (kubectl refuses it unquoted too).`);
    }
    return text as string;
  }

  bool(key: string): boolean {
    const t = this.obj[key];
    if (isNullTree(t)) return false;
    if (!(t instanceof Scalar) || typeof t.value !== 'boolean') this.fail(key, 'true or false');
    return (t as Scalar).value as boolean;
  }

  stringList(key: string): string[] {
    const t = this.obj[key];
    if (isNullTree(t)) return [];
    if (!Array.isArray(t)) this.fail(key, 'a list of strings');
    return (t as Tree[]).map((item, i) => {
      if (isNullTree(item)) return '';
      if (!(item instanceof Scalar) || goYamlString(item) === undefined) {
        this.fail(`${key}[${i}]`, 'a string', `Put the value of "${key}[${i}]" in quotes in ${this.file} (kubectl refuses it unquoted too).`);
      }
      return goYamlString(item as Scalar) as string;
    });
  }

  list(key: string): Tree[] {
    const t = this.obj[key];
    if (isNullTree(t)) return [];
    if (!Array.isArray(t)) this.fail(key, 'a list');
    return t as Tree[];
  }

  object(key: string): { [key: string]: Tree } | undefined {
    const t = this.obj[key];
    if (isNullTree(t)) return undefined;
    if (!isObjectTree(t)) this.fail(key, 'a mapping');
    return t as { [key: string]: Tree };
  }

  child(key: string, where: string): FieldReader | undefined {
    const o = this.object(key);
    return o ? new FieldReader(this.file, where, o) : undefined;
  }
}

/**
 * The string go-yaml v2 would hand to a Go string field, or undefined where kubectl refuses the value.
 * The yaml library's YAML 1.1 schema also reads timestamps (2024-01-01) and base-60 numbers (1:20);
 * go-yaml v2 keeps both as strings.
 */
function goYamlString(s: Scalar): string | undefined {
  if (typeof s.value === 'string') return s.value;
  if (s.value instanceof Date) return s.source;
  if (typeof s.value === 'number' && s.source?.includes(':')) return s.source;
  return undefined;
}

/** Plain JS for opaque parts (extensions), scalars as their typed values. */
export function treeToPlain(t: Tree): unknown {
  if (t === null) return null;
  if (t instanceof Scalar) return t.value;
  if (Array.isArray(t)) return t.map(treeToPlain);
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, treeToPlain(v)]));
}
