// PATCH bodies applied to stored objects, by Content-Type, with the real server's error statuses:
// - application/merge-patch+json: RFC 7386 (maps merge, null deletes, everything else replaces);
// - application/strategic-merge-patch+json: enough of Kubernetes' strategic merge for kubectl (lists of containers,
//   env, ports, volumes… merged by their merge key; `$patch: delete|replace`, `$retainKeys`,
//   `$deleteFromPrimitiveList`; `$setElementOrder` ignored); 415 on
//   custom resources, as the real server answers;
// - application/json-patch+json: RFC 6902 (add, remove, replace, move, copy, test);
// - application/apply-patch+yaml: approximated by a strategic merge of the YAML (no field ownership).
// The input object is never mutated.

import { parse as parseYaml } from 'yaml';
import { statusError } from './resources.js';
import type { SimObject } from './types.js';

export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const JSON_PATCH = 'application/json-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface PatchOptions {
  /** The target is a custom resource: strategic merge patches are refused with 415, as CRDs do. */
  custom?: boolean;
}

/** Patch types a resource accepts, in the order the real server lists them in its 415 message. */
export function acceptedPatchTypes(custom: boolean): string[] {
  return custom ? [JSON_PATCH, MERGE_PATCH, APPLY_PATCH] : [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH];
}

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Applies a PATCH body to an object and returns the patched copy. Throws Status errors as the real server:
 * 415 for an unsupported patch type, 400 for a body that does not parse, 422 for a JSON patch that does not apply.
 */
export function applyPatch(obj: SimObject, patchBody: string | Uint8Array | unknown, contentType: string, opts: PatchOptions = {}): SimObject {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (!acceptedPatchTypes(opts.custom === true).includes(type)) {
    throw statusError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${acceptedPatchTypes(opts.custom === true).join(', ')}`,
    );
  }
  const target = structuredClone(obj) as unknown as JsonObject;
  let result: Json;
  switch (type) {
    case MERGE_PATCH: {
      const patch = parseBody(patchBody, 'Invalid JSON Patch');
      result = mergePatch(target, patch);
      break;
    }
    case STRATEGIC_MERGE_PATCH:
    case APPLY_PATCH: {
      const patch = type === APPLY_PATCH ? parseYamlBody(patchBody) : parseBody(patchBody);
      if (!isObject(patch)) throw statusError(400, 'BadRequest', `json: cannot unmarshal ${goTypeName(patch)} into Go value of type map[string]interface {}`);
      result = strategicMerge(target, patch, '');
      break;
    }
    default: {
      const patch = parseBody(patchBody);
      result = jsonPatch(target, validateJsonPatch(patch));
    }
  }
  if (!isObject(result)) {
    throw statusError(400, 'BadRequest', `json: cannot unmarshal ${goTypeName(result)} into Go value of type map[string]interface {}`);
  }
  if (!isObject(result.metadata)) result.metadata = {};
  return result as unknown as SimObject;
}

function goTypeName(v: Json): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'object' : typeof v;
}

function bodyText(body: string | Uint8Array | unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return undefined;
}

function parseBody(body: string | Uint8Array | unknown, message?: string): Json {
  const text = bodyText(body);
  if (text === undefined) return structuredClone(body) as Json;
  try {
    return JSON.parse(text) as Json;
  } catch (e) {
    throw statusError(400, 'BadRequest', message ?? `error decoding patch: ${(e as Error).message}`);
  }
}

function parseYamlBody(body: string | Uint8Array | unknown): Json {
  const text = bodyText(body);
  if (text === undefined) return structuredClone(body) as Json;
  try {
    return parseYaml(text) as Json;
  } catch (e) {
    throw statusError(400, 'BadRequest', `error decoding YAML: ${(e as Error).message}`);
  }
}

// ---------------------------------------------------------------- RFC 7386 merge patch

export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key] ?? null, value);
  }
  return out;
}

// ---------------------------------------------------------------- strategic merge patch

/**
 * Merge keys of the list fields that Kubernetes types tag `patchStrategy:"merge"`, by field name. A few names mean
 * different things in different types; those are settled by what the items carry (see mergeKeyFor).
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  ownerReferences: 'uid',
  conditions: 'type',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  schedulingGates: 'name',
  podIPs: 'ip',
  hostIPs: 'ip',
};
/** Lists of primitives that merge as sets (`patchStrategy:"merge"` on []string). */
const PRIMITIVE_MERGE_LISTS = new Set(['finalizers']);

function mergeKeyFor(field: string, items: Json[]): string | undefined {
  if (field === 'ports') {
    // Container ports merge by containerPort, service ports by port.
    const sample = items.find(isObject);
    if (!sample) return undefined;
    return 'containerPort' in sample ? 'containerPort' : 'port' in sample ? 'port' : undefined;
  }
  return MERGE_KEYS[field];
}

function strategicMerge(target: JsonObject, patch: JsonObject, field: string): JsonObject {
  const directive = patch.$patch;
  if (directive === 'replace') return stripDirectives(withoutKey(patch, '$patch'));
  let out: JsonObject = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const listField = key.slice('$deleteFromPrimitiveList/'.length);
      const current = out[listField];
      if (Array.isArray(current) && Array.isArray(value)) out[listField] = current.filter((x) => !value.some((v) => deepEqual(v, x)));
      continue;
    }
    // $patch is handled above and $retainKeys below; $setElementOrder only fixes list order: ignored.
    if (key.startsWith('$')) continue;
    if (value === null) {
      delete out[key];
      continue;
    }
    const current = out[key];
    if (isObject(value)) {
      if (value.$patch === 'delete') delete out[key];
      else out[key] = strategicMerge(isObject(current) ? current : {}, value, key);
    } else if (Array.isArray(value)) {
      out[key] = mergeList(key, Array.isArray(current) ? current : [], value);
    } else {
      out[key] = value;
    }
  }
  // $retainKeys (sent by kubectl apply for union fields such as a deployment's strategy): keys not listed go.
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    for (const key of Object.keys(out)) if (!retain.includes(key)) delete out[key];
  }
  if (directive === 'delete') out = {};
  return out;
}

function mergeList(field: string, current: Json[], patch: Json[]): Json[] {
  if (PRIMITIVE_MERGE_LISTS.has(field)) {
    const out = [...current];
    for (const v of patch) if (!out.some((x) => deepEqual(x, v))) out.push(v);
    return out;
  }
  const key = mergeKeyFor(field, [...patch, ...current]);
  if (!key) {
    // Replace strategy; a lone {$patch: replace} or delete directive still empties it.
    return patch.filter((p) => !(isObject(p) && typeof p.$patch === 'string')).map((p) => (isObject(p) ? stripDirectives(p) : p));
  }
  const out = [...current];
  for (const item of patch) {
    if (!isObject(item)) continue;
    if (item.$patch === 'replace' && Object.keys(item).length === 1) {
      // `[{"$patch":"replace"}, …]`: the patch list replaces the whole list.
      return patch.filter((p) => !(isObject(p) && p.$patch === 'replace')).map((p) => (isObject(p) ? stripDirectives(p) : p));
    }
    const index = out.findIndex((x) => isObject(x) && deepEqual(x[key] ?? null, item[key] ?? null));
    if (item.$patch === 'delete') {
      if (index >= 0) out.splice(index, 1);
      continue;
    }
    if (index >= 0) out[index] = strategicMerge(out[index] as JsonObject, item, field);
    else out.push(stripDirectives(item));
  }
  return out;
}

function withoutKey(o: JsonObject, key: string): JsonObject {
  const { [key]: _dropped, ...rest } = o;
  return rest;
}

function stripDirectives(v: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith('$')) continue;
    if (x === null) continue;
    out[k] = isObject(x) ? stripDirectives(x) : Array.isArray(x) ? x.map((e) => (isObject(e) ? stripDirectives(e) : e)) : x;
  }
  return out;
}

function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as Json[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  const keys = Object.keys(ao);
  return keys.length === Object.keys(bo).length && keys.every((k) => Object.hasOwn(bo, k) && deepEqual(ao[k], bo[k]));
}

// ---------------------------------------------------------------- RFC 6902 JSON patch

export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: Json;
}

/** The server's answer when a JSON patch does not apply (errors.NewGenericServerResponse(422, …) drops the detail). */
function patchDoesNotApply(): Error {
  return statusError(422, 'Invalid', 'the server rejected our request due to an error in our request');
}

function validateJsonPatch(patch: Json): JsonPatchOperation[] {
  if (!Array.isArray(patch)) {
    throw statusError(400, 'BadRequest', `json: cannot unmarshal ${goTypeName(patch)} into Go value of type jsonpatch.Patch`);
  }
  if (patch.length > 10000) {
    throw statusError(413, 'RequestEntityTooLarge', `The allowed maximum operations in a JSON patch are 10000, got ${patch.length}`);
  }
  return patch.map((op) => {
    if (!isObject(op)) throw statusError(400, 'BadRequest', `json: cannot unmarshal ${goTypeName(op)} into Go value of type jsonpatch.Operation`);
    return op as unknown as JsonPatchOperation;
  });
}

function parsePointer(path: unknown): string[] {
  if (typeof path !== 'string') throw patchDoesNotApply();
  if (path === '') return [];
  if (!path.startsWith('/')) throw patchDoesNotApply();
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function arrayIndex(token: string, length: number, forAdd: boolean): number {
  if (forAdd && token === '-') return length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw patchDoesNotApply();
  const i = Number(token);
  if (i > length || (!forAdd && i === length)) throw patchDoesNotApply();
  return i;
}

/** The container (object or array) a pointer's last token lives in. */
function parentOf(doc: Json, tokens: string[]): Json {
  let cur = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[arrayIndex(t, cur.length, false)]!;
    else if (isObject(cur) && Object.hasOwn(cur, t)) cur = cur[t]!;
    else throw patchDoesNotApply();
  }
  return cur;
}

function getAt(doc: Json, tokens: string[]): Json {
  if (tokens.length === 0) return doc;
  const parent = parentOf(doc, tokens);
  const last = tokens.at(-1)!;
  if (Array.isArray(parent)) return parent[arrayIndex(last, parent.length, false)]!;
  if (isObject(parent) && Object.hasOwn(parent, last)) return parent[last]!;
  throw patchDoesNotApply();
}

function addAt(doc: Json, tokens: string[], value: Json): Json {
  if (tokens.length === 0) return value;
  const parent = parentOf(doc, tokens);
  const last = tokens.at(-1)!;
  if (Array.isArray(parent)) parent.splice(arrayIndex(last, parent.length, true), 0, value);
  else if (isObject(parent)) parent[last] = value;
  else throw patchDoesNotApply();
  return doc;
}

function removeAt(doc: Json, tokens: string[]): Json {
  if (tokens.length === 0) throw patchDoesNotApply();
  const parent = parentOf(doc, tokens);
  const last = tokens.at(-1)!;
  if (Array.isArray(parent)) parent.splice(arrayIndex(last, parent.length, false), 1);
  else if (isObject(parent) && Object.hasOwn(parent, last)) delete parent[last];
  else throw patchDoesNotApply();
  return doc;
}

export function jsonPatch(doc: Json, operations: JsonPatchOperation[]): Json {
  let cur = doc;
  for (const op of operations) {
    const path = parsePointer(op.path);
    switch (op.op) {
      case 'add':
        if (!('value' in op)) throw patchDoesNotApply();
        cur = addAt(cur, path, structuredClone(op.value as Json));
        break;
      case 'remove':
        cur = removeAt(cur, path);
        break;
      case 'replace':
        if (!('value' in op)) throw patchDoesNotApply();
        getAt(cur, path); // the target must exist
        cur = path.length === 0 ? structuredClone(op.value as Json) : addAt(removeAt(cur, path), path, structuredClone(op.value as Json));
        break;
      case 'move': {
        const from = parsePointer(op.from);
        if (op.from !== op.path && op.path.startsWith(`${op.from}/`)) throw patchDoesNotApply();
        const value = getAt(cur, from);
        cur = addAt(removeAt(cur, from), path, value);
        break;
      }
      case 'copy':
        cur = addAt(cur, path, structuredClone(getAt(cur, parsePointer(op.from))));
        break;
      case 'test':
        if (!deepEqual(getAt(cur, path), (op.value ?? null) as Json)) throw patchDoesNotApply();
        break;
      default:
        throw statusError(422, 'Invalid', 'the server rejected our request due to an error in our request');
    }
  }
  return cur;
}
