// Label and field selectors with the real server's grammar, semantics and 400 messages (apimachinery
// labels/selector.go and fields/selector.go; the per-kind field labels of pkg/apis/core/v1/conversion.go).
// Parse once per request into a compiled matcher, then match many objects cheaply.

import { statusError } from './resources.js';
import type { SimObject } from './types.js';

// ---------------------------------------------------------------- label selectors

export type LabelOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  /** Sorted, de-duplicated (a set, as the real parser keeps it). */
  values: string[];
}

export interface LabelSelector {
  requirements: LabelRequirement[];
  /** True when the selector selects everything (an empty string). */
  empty: boolean;
  matches(labels: Record<string, string> | undefined): boolean;
}

type Tok =
  | 'id' | 'in' | 'notin' | '!' | '!=' | '=' | '==' | '>' | '<' | '(' | ')' | ',' | 'eos' | 'error';

const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const SYMBOLS = new Set(['!', '!=', '(', ')', ',', '=', '==', '>', '<']);
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

/** Splits a label selector into tokens the way apimachinery's lexer does (longest special symbol wins). */
function lexLabels(input: string): { tok: Tok; lit: string }[] {
  const out: { tok: Tok; lit: string }[] = [];
  let i = 0;
  while (true) {
    while (i < input.length && WHITESPACE.has(input[i]!)) i++;
    if (i >= input.length) {
      out.push({ tok: 'eos', lit: '' });
      return out;
    }
    const ch = input[i]!;
    if (SPECIAL.has(ch)) {
      let buffer = '';
      let last: string | undefined;
      let j = i;
      while (j < input.length && SPECIAL.has(input[j]!)) {
        buffer += input[j];
        if (SYMBOLS.has(buffer)) last = buffer;
        else if (last !== undefined) break;
        j++;
      }
      if (last === undefined) {
        out.push({ tok: 'error', lit: `error expected: keyword found '${buffer}'` });
        i = j;
      } else {
        out.push({ tok: last as Tok, lit: last });
        i += last.length;
      }
      continue;
    }
    let j = i;
    while (j < input.length && !SPECIAL.has(input[j]!) && !WHITESPACE.has(input[j]!)) j++;
    const word = input.slice(i, j);
    out.push({ tok: word === 'in' ? 'in' : word === 'notin' ? 'notin' : 'id', lit: word });
    i = j;
  }
}

class LabelParser {
  private pos = 0;
  constructor(private readonly tokens: { tok: Tok; lit: string }[]) {}

  /** In a value position the keywords in/notin are plain identifiers. */
  private consume(values: boolean): { tok: Tok; lit: string } {
    const t = this.tokens[Math.min(this.pos++, this.tokens.length - 1)]!;
    return values && (t.tok === 'in' || t.tok === 'notin') ? { tok: 'id', lit: t.lit } : t;
  }
  private lookahead(values: boolean): { tok: Tok; lit: string } {
    const t = this.tokens[Math.min(this.pos, this.tokens.length - 1)]!;
    return values && (t.tok === 'in' || t.tok === 'notin') ? { tok: 'id', lit: t.lit } : t;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    while (true) {
      const { tok, lit } = this.lookahead(true);
      if (tok === 'eos') return requirements;
      if (tok !== 'id' && tok !== '!') throw new Error(`found '${lit}', expected: !, identifier, or 'end of string'`);
      let requirement: LabelRequirement;
      try {
        requirement = this.parseRequirement();
      } catch (e) {
        throw new Error(`unable to parse requirement: ${(e as Error).message}`);
      }
      requirements.push(requirement);
      const next = this.consume(true);
      if (next.tok === 'eos') return requirements;
      if (next.tok !== ',') throw new Error(`found '${next.lit}', expected: ',' or 'end of string'`);
      const after = this.lookahead(true);
      if (after.tok !== 'id' && after.tok !== '!') throw new Error(`found '${after.lit}', expected: identifier after ','`);
    }
  }

  private parseRequirement(): LabelRequirement {
    let { tok, lit } = this.consume(true);
    let operator: LabelOperator | undefined;
    if (tok === '!') {
      operator = '!';
      ({ tok, lit } = this.consume(true));
    }
    if (tok !== 'id') throw new Error(`found '${lit}', expected: identifier`);
    const keyError = qualifiedNameError(lit);
    if (keyError) throw new Error(`<nil>: Invalid value: ${JSON.stringify(lit)}: ${keyError}`);
    const key = lit;
    const ahead = this.lookahead(true).tok;
    if (operator === '!') return { key, operator, values: [] };
    if (ahead === 'eos' || ahead === ',') return { key, operator: 'exists', values: [] };

    const op = this.consume(false);
    switch (op.tok) {
      case 'in':
      case 'notin':
        operator = op.tok;
        break;
      case '=':
      case '==':
      case '!=':
        operator = op.tok;
        break;
      case '>':
        operator = 'gt';
        break;
      case '<':
        operator = 'lt';
        break;
      default:
        throw new Error(`found '${op.lit}', expected: in, notin, =, ==, !=, gt, lt`);
    }
    const values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
    const sorted = [...new Set(values)].sort();
    validateValues(key, operator, sorted);
    return { key, operator, values: sorted };
  }

  private parseValues(): string[] {
    const open = this.consume(true);
    if (open.tok !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const ahead = this.lookahead(true);
    if (ahead.tok === 'id' || ahead.tok === ',') {
      const values = this.parseIdentifierList();
      if (this.consume(true).tok !== ')') throw new Error(`found '${ahead.lit}', expected: ')'`);
      return values;
    }
    if (ahead.tok === ')') {
      this.consume(true);
      return [''];
    }
    throw new Error(`found '${ahead.lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifierList(): string[] {
    const values: string[] = [];
    while (true) {
      const { tok, lit } = this.consume(true);
      if (tok === 'id') {
        values.push(lit);
        const next = this.lookahead(true);
        if (next.tok === ',') continue;
        if (next.tok === ')') return values;
        throw new Error(`found '${next.lit}', expected: ',' or ')'`);
      }
      if (tok === ',') {
        // "(,", ",)" and ",," each stand for an empty value.
        if (values.length === 0) values.push('');
        const next = this.lookahead(true);
        if (next.tok === ')') {
          values.push('');
          return values;
        }
        if (next.tok === ',') {
          this.consume(true);
          values.push('');
        }
        continue;
      }
      throw new Error(`found '${lit}', expected: ',', or identifier`);
    }
  }

  private parseExactValue(): string[] {
    const ahead = this.lookahead(true);
    if (ahead.tok === 'eos' || ahead.tok === ',') return [''];
    const { tok, lit } = this.consume(true);
    if (tok === 'id') return [lit];
    throw new Error(`found '${lit}', expected: identifier`);
  }
}

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** validation.IsQualifiedName: `[prefix/]name`. Returns the joined messages, or undefined when valid. */
function qualifiedNameError(value: string): string | undefined {
  const parts = value.split('/');
  let name = value;
  const errs: string[] = [];
  if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
    else if (!DNS_SUBDOMAIN.test(prefix))
      errs.push(
        "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      );
  } else if (parts.length > 2) {
    return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name.length > 0 && !NAME_PART.test(name)) errs.push(NAME_PART_MSG);
  return errs.length > 0 ? errs.join('; ') : undefined;
}

function validateValues(key: string, operator: LabelOperator, values: string[]): void {
  values.forEach((v, i) => {
    if (operator === 'gt' || operator === 'lt') {
      if (!/^[+-]?\d+$/.test(v)) {
        throw new Error(`values[${i}]: Invalid value: ${JSON.stringify(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
      }
      return;
    }
    const errs: string[] = [];
    if (v.length > 63) errs.push('must be no more than 63 characters');
    if (v !== '' && !NAME_PART.test(v))
      errs.push(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      );
    if (errs.length > 0) throw new Error(`values[${i}][${key}]: Invalid value: ${JSON.stringify(v)}: ${errs.join('; ')}`);
  });
}

function compileRequirement(r: LabelRequirement): (labels: Record<string, string>) => boolean {
  const { key } = r;
  switch (r.operator) {
    case '=':
    case '==':
    case 'in': {
      if (r.values.length === 1) {
        const only = r.values[0]!;
        return (l) => Object.hasOwn(l, key) && l[key] === only;
      }
      const set = new Set(r.values);
      return (l) => Object.hasOwn(l, key) && set.has(l[key]!);
    }
    case '!=':
    case 'notin': {
      const set = new Set(r.values);
      return (l) => !Object.hasOwn(l, key) || !set.has(l[key]!);
    }
    case 'exists':
      return (l) => Object.hasOwn(l, key);
    case '!':
      return (l) => !Object.hasOwn(l, key);
    case 'gt':
    case 'lt': {
      const bound = BigInt(r.values[0]!);
      const gt = r.operator === 'gt';
      return (l) => {
        if (!Object.hasOwn(l, key)) return false;
        const v = l[key]!;
        if (!/^[+-]?\d+$/.test(v)) return false;
        const n = BigInt(v);
        return gt ? n > bound : n < bound;
      };
    }
  }
}

const NO_LABELS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Parses `labelSelector` (already URL-decoded). Throws a 400 Status error with the real parser's message. */
export function parseLabelSelector(selector: string): LabelSelector {
  let requirements: LabelRequirement[];
  try {
    requirements = new LabelParser(lexLabels(selector)).parse();
  } catch (e) {
    throw statusError(400, 'BadRequest', (e as Error).message);
  }
  // The real selector sorts its requirements by key; order does not change the result, only the cost.
  const checks = requirements.map(compileRequirement);
  const matches =
    checks.length === 0
      ? () => true
      : checks.length === 1
        ? (labels: Record<string, string> | undefined) => checks[0]!(labels ?? NO_LABELS)
        : (labels: Record<string, string> | undefined) => {
            const l = labels ?? NO_LABELS;
            for (const check of checks) if (!check(l)) return false;
            return true;
          };
  return { requirements, empty: requirements.length === 0, matches };
}

export function matchesLabels(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  return selector.matches(labels);
}

// ---------------------------------------------------------------- field selectors

export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

export interface FieldSelector {
  requirements: FieldRequirement[];
  empty: boolean;
  matches(obj: SimObject): boolean;
}

type FieldGetter = (obj: SimObject) => string;

const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v));
const at = (obj: unknown, ...path: string[]): unknown => {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
};
/** A getter for a dotted path; the common one- and two-step paths avoid the generic walk (50,000 objects a list). */
const path = (...p: string[]): FieldGetter => {
  if (p.length === 1) {
    const [a] = p as [string];
    return (o) => str((o as Record<string, unknown>)[a]);
  }
  if (p.length === 2) {
    const [a, b] = p as [string, string];
    return (o) => {
      const first = (o as Record<string, unknown>)[a];
      return first !== null && typeof first === 'object' ? str((first as Record<string, unknown>)[b]) : '';
    };
  }
  return (o) => str(at(o, ...p));
};
const bool = (...p: string[]): FieldGetter => (o) => (at(o, ...p) === true ? 'true' : 'false');

const META_FIELDS: Record<string, FieldGetter> = {
  'metadata.name': (o) => o.metadata.name ?? '',
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
};

/** Extra field labels per resource key, with how to read each from an object (KK conversion.go and registries). */
const FIELDS_BY_RESOURCE: Record<string, Record<string, FieldGetter>> = {
  pods: {
    'spec.nodeName': path('spec', 'nodeName'),
    'spec.host': path('spec', 'nodeName'),
    'spec.restartPolicy': path('spec', 'restartPolicy'),
    'spec.schedulerName': path('spec', 'schedulerName'),
    'spec.serviceAccountName': path('spec', 'serviceAccountName'),
    'spec.hostNetwork': bool('spec', 'hostNetwork'),
    'status.phase': path('status', 'phase'),
    'status.podIP': path('status', 'podIP'),
    'status.podIPs': path('status', 'podIP'),
    'status.nominatedNodeName': path('status', 'nominatedNodeName'),
  },
  events: {
    'involvedObject.kind': path('involvedObject', 'kind'),
    'involvedObject.namespace': path('involvedObject', 'namespace'),
    'involvedObject.name': path('involvedObject', 'name'),
    'involvedObject.uid': path('involvedObject', 'uid'),
    'involvedObject.apiVersion': path('involvedObject', 'apiVersion'),
    'involvedObject.resourceVersion': path('involvedObject', 'resourceVersion'),
    'involvedObject.fieldPath': path('involvedObject', 'fieldPath'),
    reason: path('reason'),
    reportingComponent: path('reportingComponent'),
    source: path('source', 'component'),
    type: path('type'),
  },
  namespaces: { 'status.phase': path('status', 'phase') },
  nodes: { 'spec.unschedulable': bool('spec', 'unschedulable') },
  secrets: { type: path('type') },
  services: { 'spec.clusterIP': path('spec', 'clusterIP'), 'spec.type': path('spec', 'type') },
  replicationcontrollers: { 'status.replicas': path('status', 'replicas') },
  'replicasets.apps': { 'status.replicas': path('status', 'replicas') },
  'jobs.batch': { 'status.successful': path('status', 'successful') },
  'certificatesigningrequests.certificates.k8s.io': { 'spec.signerName': path('spec', 'signerName') },
};

/**
 * Kinds whose own field-label conversion lists metadata.name but not metadata.namespace (Namespace and Node in
 * core/v1 conversion.go); every other kind takes the default conversion, which accepts both.
 */
const NO_NAMESPACE_FIELD = new Set(['namespaces', 'nodes']);

function metaFieldsFor(resourceKey: string): Record<string, FieldGetter> {
  return NO_NAMESPACE_FIELD.has(resourceKey) ? { 'metadata.name': META_FIELDS['metadata.name']! } : META_FIELDS;
}

/** The field labels a resource supports (metadata.* for every resource; CRDs add their selectableFields). */
export function supportedFields(resourceKey: string, selectableFields: readonly string[] = []): string[] {
  return [...Object.keys(metaFieldsFor(resourceKey)), ...Object.keys(FIELDS_BY_RESOURCE[resourceKey] ?? {}), ...selectableFields];
}

/** fields.splitTerms: split on commas that are not escaped with a backslash. */
function splitTerms(selector: string): string[] {
  if (selector === '') return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i];
    if (escaped) escaped = false;
    else if (ch === '\\') escaped = true;
    else if (ch === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

/** fields.splitTerm: the first unescaped operator, trying != then == then = at each position. */
function splitTerm(term: string): { lhs: string; op: '!=' | '==' | '='; rhs: string } | undefined {
  let escaped = false;
  for (let i = 0; i < term.length; i++) {
    if (escaped) {
      escaped = false;
      continue;
    }
    if (term[i] === '\\') {
      escaped = true;
      continue;
    }
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

function unescapeValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value;
  let out = '';
  let escaped = false;
  for (const ch of value) {
    if (escaped) {
      if (ch !== '\\' && ch !== ',' && ch !== '=') throw new Error(`invalid field selector: invalid escape sequence: \\${ch}`);
      out += ch;
      escaped = false;
    } else if (ch === '\\') {
      escaped = true;
    } else if (ch === ',' || ch === '=') {
      throw new Error(`invalid field selector: unescaped character in value: ${ch.codePointAt(0)}`);
    } else {
      out += ch;
    }
  }
  if (escaped) throw new Error('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** Escapes a value for use in a field selector (fields.EscapeValue). */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/**
 * Parses `fieldSelector` for a resource. Throws a 400 Status error: the parser's message, or
 * `field label not supported: X` for a field the resource does not index. CRDs pass their selectableFields.
 */
export function parseFieldSelector(resourceKey: string, selector: string, selectableFields: readonly string[] = []): FieldSelector {
  const requirements: FieldRequirement[] = [];
  try {
    for (const term of splitTerms(selector).sort()) {
      if (term === '') continue;
      const split = splitTerm(term);
      if (!split) throw new Error(`invalid selector: '${selector}'; can't understand '${term}'`);
      requirements.push({ field: split.lhs, operator: split.op === '!=' ? '!=' : '=', value: unescapeValue(split.rhs) });
    }
  } catch (e) {
    throw statusError(400, 'BadRequest', (e as Error).message);
  }
  const known = FIELDS_BY_RESOURCE[resourceKey];
  const meta = metaFieldsFor(resourceKey);
  const getters = requirements.map((r) => {
    const getter =
      meta[r.field] ?? known?.[r.field] ?? (selectableFields.includes(r.field) ? path(...r.field.split('.')) : undefined);
    if (!getter) throw statusError(400, 'BadRequest', `field label not supported: ${r.field}`);
    return getter;
  });
  const checks = requirements.map((r, i) => {
    const get = getters[i]!;
    return r.operator === '=' ? (o: SimObject) => get(o) === r.value : (o: SimObject) => get(o) !== r.value;
  });
  const matches =
    checks.length === 0
      ? () => true
      : (obj: SimObject) => {
          for (const check of checks) if (!check(obj)) return false;
          return true;
        };
  return { requirements, empty: requirements.length === 0, matches };
}

export function matchesFields(selector: FieldSelector, obj: SimObject): boolean {
  return selector.matches(obj);
}

/**
 * The value a selector requires for a field with `=` (e.g. metadata.name for a watch on one object), if any.
 * Lets the server check a GET/watch on /NAME against an explicit fieldSelector and narrow lookups.
 */
export function requiredFieldValue(selector: FieldSelector, field: string): string | undefined {
  return selector.requirements.find((r) => r.field === field && r.operator === '=')?.value;
}
