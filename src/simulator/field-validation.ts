// Server-side field validation (the fieldValidation query parameter): fields a built-in kind's schema does not
// declare are refused with Strict (kubectl's default for apply/create/replace), reported as Warning headers
// with Warn (the server's default) and let through with Ignore. Custom resources are not checked.
import type { ServerResponse } from 'node:http';
import type { ResourceDef } from './resources.js';
import type { SimObject } from './types.js';
import { builtinSchema } from './openapi.js';
import { badRequest } from './status.js';

type Schema = Record<string, unknown>;

/** The paths of fields `obj` carries that the schema of `def`'s kind does not declare ("spec.template.spec.bogus"). */
export function unknownFields(def: ResourceDef, obj: unknown): string[] {
  if (def.custom) return [];
  const found = builtinSchema({ group: def.group, version: def.version, kind: def.kind });
  if (!found) return [];
  const out: string[] = [];
  const resolve = (s: Schema): Schema => {
    let cur = s;
    for (let i = 0; i < 10; i++) {
      const ref = (cur.$ref as string | undefined) ?? ((cur.allOf as Schema[] | undefined)?.[0]?.$ref as string | undefined);
      if (!ref) return cur;
      cur = found.definitions[ref.replace(/^#\/(definitions|components\/schemas)\//, '')] ?? {};
    }
    return cur;
  };
  const walk = (value: unknown, schema: Schema, path: string): void => {
    const s = resolve(schema);
    if (s['x-kubernetes-preserve-unknown-fields'] || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      if (s.items) value.forEach((v, i) => walk(v, s.items as Schema, `${path}[${i}]`));
      return;
    }
    const props = s.properties as Record<string, Schema> | undefined;
    const extra = s.additionalProperties;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k.startsWith('$')) continue; // strategic merge patch directives ($patch, $setElementOrder/…, $retainKeys)
      const at = path ? `${path}.${k}` : k;
      if (props?.[k]) walk(v, props[k], at);
      else if (extra && typeof extra === 'object') walk(v, extra as Schema, at);
      else if (props && !extra) out.push(at);
    }
  };
  walk(obj, found.schema, '');
  return out;
}

/**
 * Applies the request's fieldValidation to an object about to be stored: throws the strict decoding error, or
 * sets the Warning headers kube-apiserver sends.
 */
export function checkFields(res: ServerResponse, q: URLSearchParams, def: ResourceDef, obj: SimObject): void {
  const mode = q.get('fieldValidation') ?? 'Warn';
  if (mode === 'Ignore') return;
  const unknown = unknownFields(def, obj);
  if (!unknown.length) return;
  if (mode === 'Strict') {
    throw badRequest(`${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
  }
  res.setHeader('Warning', unknown.map((f) => `299 - ${JSON.stringify(`unknown field "${f}"`)}`));
}
