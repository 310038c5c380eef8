// Minimal patch application used until patch.ts (owned by the rules engineer) is wired in: JSON merge patch
// (RFC 7386, also standing in for strategic merge) and JSON patch (RFC 6902).
import { badRequest } from './status.js';

type Json = unknown;

export function mergePatch(target: Json, patch: Json): Json {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, Json> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, Json>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, Json>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw badRequest(`the server rejected our request due to an error in our request`);
  return path.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function jsonPatch(doc: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let root = structuredClone(doc);
  for (const op of ops as { op: string; path: string; value?: Json; from?: string }[]) {
    const parts = pointer(op.path);
    const get = (p: string[]) => p.reduce<Json>((c, k) => (c as Record<string, Json>)?.[k], root);
    const parentOf = (p: string[]) => get(p.slice(0, -1)) as Record<string, Json> | Json[];
    const last = parts[parts.length - 1];
    const put = (p: string[], value: Json, insert: boolean) => {
      if (p.length === 0) {
        root = value;
        return;
      }
      const parent = parentOf(p);
      const k = p[p.length - 1];
      if (Array.isArray(parent)) {
        const i = k === '-' ? parent.length : Number(k);
        if (insert) parent.splice(i, 0, value);
        else parent[i] = value;
      } else if (parent && typeof parent === 'object') (parent as Record<string, Json>)[k] = value;
      else throw badRequest(`jsonpatch ${op.op} operation does not apply: doc is missing path: "${op.path}"`);
    };
    const del = (p: string[]) => {
      const parent = parentOf(p);
      const k = p[p.length - 1];
      if (Array.isArray(parent)) parent.splice(Number(k), 1);
      else if (parent && typeof parent === 'object' && k in parent) delete (parent as Record<string, Json>)[k];
      else throw badRequest(`jsonpatch remove operation does not apply: doc is missing path: "${op.path}"`);
    };
    switch (op.op) {
      case 'add':
        put(parts, structuredClone(op.value), true);
        break;
      case 'replace':
        if (get(parts) === undefined) throw badRequest(`jsonpatch replace operation does not apply: doc is missing key: ${op.path}`);
        put(parts, structuredClone(op.value), false);
        break;
      case 'remove':
        del(parts);
        break;
      case 'test':
        if (JSON.stringify(get(parts)) !== JSON.stringify(op.value)) throw badRequest(`testing value ${op.path} failed: test failed`);
        break;
      case 'move':
      case 'copy': {
        const from = pointer(op.from ?? '');
        const v = structuredClone(get(from));
        if (op.op === 'move') del(from);
        put(parts, v, true);
        break;
      }
      default:
        throw badRequest(`Unexpected kind: ${op.op}`);
    }
    void last;
  }
  return root;
}
