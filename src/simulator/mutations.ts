// Writes: create (201), update (409 on a stale resourceVersion), patch (merge / strategic / JSON patch by
// Content-Type), delete (graceful pods, propagation to owned objects) and deletecollection.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { ClusterRuntime } from './api-server.js';
import type { ResourceRequestInfo } from './request-info.js';
import { resourceKey, type ResourceDef } from './resources.js';
import type { SimObject } from './types.js';
import { AlreadyExistsError } from './store.js';
import { StatusError, alreadyExists, badRequest, conflict, invalid, notFound, successStatus, unsupportedMediaType } from './status.js';
import { parseJsonBody, readBody, sendJson, sendJsonText } from './http.js';
import { apiVersionOf } from './table.js';
import { applyPatch as applyPatchBody } from './patch.js';
import { buildFilter } from './filters.js';
import { decodeProtobufObject, isProtobufContentType } from './protobuf.js';
import { afterCreate, applyCreateDefaults } from './defaults.js';
import { asServed, asStored } from './event-versions.js';
import { checkFields } from './field-validation.js';

function asObject(def: ResourceDef, body: unknown): SimObject {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest(`the object provided is unrecognized (must be of type ${def.kind})`);
  const obj = body as SimObject;
  if (!obj.metadata || typeof obj.metadata !== 'object') obj.metadata = {} as SimObject['metadata'];
  return obj;
}

function sendObject(res: ServerResponse, code: number, def: ResourceDef, obj: SimObject): void {
  const { kind: _k, apiVersion: _a, ...rest } = asServed(def, obj);
  sendJson(res, code, { kind: def.kind, apiVersion: apiVersionOf(def), ...rest });
}

const queryOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://x').searchParams;

function isDryRun(q: URLSearchParams | undefined): boolean {
  return q?.getAll('dryRun').includes('All') ?? false;
}

export async function handleCreate(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse, def: ResourceDef, info: ResourceRequestInfo): Promise<void> {
  const ct = req.headers['content-type'] ?? '';
  const raw = await readBody(req);
  const body = isProtobufContentType(ct) ? decodeProtobufObject(raw) : ct.includes('yaml') ? parseYaml(raw.toString('utf8')) : parseJsonBody(raw);
  checkFields(res, queryOf(req), def, asObject(def, body));
  const obj = asStored(def, asObject(def, body));
  if (info.namespace !== undefined) {
    if (obj.metadata.namespace && obj.metadata.namespace !== info.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = info.namespace;
  }
  if (!obj.metadata.name && !obj.metadata.generateName) {
    throw invalid(def.kind, def.group, '', [{ field: 'metadata.name', message: 'Required value: name or generateName is required', reason: 'FieldValueRequired' }]);
  }
  if (def.namespaced && info.namespace !== undefined && !rt.store.get('namespaces', undefined, info.namespace) && def.plural !== 'namespaces') {
    throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `namespaces "${info.namespace}" not found`, reason: 'NotFound', details: { name: info.namespace, kind: 'namespaces' }, code: 404 });
  }
  if (obj === body) {
    obj.apiVersion = apiVersionOf(def);
    obj.kind = def.kind;
  }
  delete obj.metadata.resourceVersion;
  delete obj.metadata.uid;
  if (def.plural === 'namespaces' && def.group === '') obj.status = { phase: 'Active' };
  applyCreateDefaults(rt.store, info.key, obj);
  if (isDryRun(queryOf(req))) {
    sendObject(res, 201, def, obj);
    return;
  }
  let created: SimObject;
  try {
    created = rt.store.create(info.key, obj);
  } catch (err) {
    if (err instanceof AlreadyExistsError) throw alreadyExists(def.plural, def.group, err.objectName);
    throw err;
  }
  afterCreate(rt.store, info.key, created);
  sendObject(res, 201, def, created);
}

/** Stores `next` as the new state of an existing object, keeping what the (sub)resource may not change. */
function commit(rt: ClusterRuntime, def: ResourceDef, info: ResourceRequestInfo, current: SimObject, next: SimObject): SimObject {
  const name = info.name!;
  if (next.metadata?.name !== undefined && next.metadata.name !== name) {
    throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`);
  }
  const rv = next.metadata?.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== current.metadata.resourceVersion) throw conflict(def.plural, def.group, name);
  let merged: SimObject;
  const hasStatusSub = def.subresources.some((s) => s.name === 'status');
  if (info.subresource === 'status') {
    // The status subresource changes status only.
    merged = { ...current, status: next.status };
  } else {
    // The client's metadata replaces the stored one, except for what only the server sets.
    const { deletionTimestamp, deletionGracePeriodSeconds } = current.metadata;
    merged = {
      ...next,
      metadata: {
        ...next.metadata,
        ...(deletionTimestamp ? { deletionTimestamp } : {}),
        ...(deletionGracePeriodSeconds !== undefined ? { deletionGracePeriodSeconds } : {}),
      } as SimObject['metadata'],
    };
    // With a status subresource, writes to the main resource leave status alone.
    if (hasStatusSub && 'status' in current) merged.status = current.status;
  }
  merged.kind = def.kind;
  merged.apiVersion = apiVersionOf(def);
  merged.metadata.name = name;
  if (info.namespace !== undefined) merged.metadata.namespace = info.namespace;
  return rt.store.update(info.key, asStored(def, merged));
}

export async function handleUpdate(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse, def: ResourceDef, info: ResourceRequestInfo): Promise<void> {
  const ct = req.headers['content-type'] ?? '';
  if (ct.includes('protobuf')) throw unsupportedMediaType(['application/json', 'application/yaml']);
  const raw = await readBody(req);
  const next = asObject(def, ct.includes('yaml') ? parseYaml(raw.toString('utf8')) : parseJsonBody(raw));
  checkFields(res, queryOf(req), def, next);
  const current = rt.store.get(info.key, info.namespace, info.name!);
  if (!current) throw notFound(def.plural, def.group, info.name!);
  if (next.metadata.resourceVersion === undefined || next.metadata.resourceVersion === '') {
    // An update without resourceVersion is unconditional (allowed for most built-ins).
    next.metadata.resourceVersion = current.metadata.resourceVersion;
  }
  sendObject(res, 200, def, commit(rt, def, info, current, next));
}

/** Applies a patch body of the given Content-Type to a copy of `current` (patch.ts does the work). */
export function applyPatch(def: ResourceDef, contentType: string, current: SimObject, raw: Buffer): SimObject {
  return applyPatchBody(current, raw, contentType, { custom: def.custom === true });
}

export async function handlePatch(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse, def: ResourceDef, info: ResourceRequestInfo): Promise<void> {
  const raw = await readBody(req);
  const current = rt.store.get(info.key, info.namespace, info.name!);
  if (!current) throw notFound(def.plural, def.group, info.name!);
  const contentType = req.headers['content-type'] ?? '';
  // A merge or strategic patch is checked for the fields it brings (JSON patches and apply configurations are not).
  if (/merge-patch/.test(contentType)) checkFields(res, queryOf(req), def, parseJsonBody(raw) as SimObject);
  const patched = applyPatch(def, contentType, asServed(def, current), raw);
  if (!patched || typeof patched !== 'object' || !patched.metadata) throw badRequest('the patch removed the object metadata');
  // A patch that does not name a resourceVersion applies to whatever is current.
  if (patched.metadata.resourceVersion === undefined) patched.metadata.resourceVersion = current.metadata.resourceVersion;
  sendObject(res, 200, def, commit(rt, def, info, current, patched));
}

// ---- Delete ----

interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

async function readDeleteOptions(req: IncomingMessage, q: URLSearchParams): Promise<DeleteOptions> {
  const raw = await readBody(req);
  if (raw.length > 0) {
    const body = parseJsonBody(raw);
    return (body && typeof body === 'object' ? body : {}) as DeleteOptions;
  }
  // Query parameters are read only when there is no body.
  const opts: DeleteOptions = {};
  const g = q.get('gracePeriodSeconds');
  if (g !== null) opts.gracePeriodSeconds = Number(g);
  const p = q.get('propagationPolicy');
  if (p) opts.propagationPolicy = p as DeleteOptions['propagationPolicy'];
  if (q.getAll('dryRun').length) opts.dryRun = q.getAll('dryRun');
  return opts;
}

/** Stores that answer a DELETE with the object rather than a Status (AS registry ReturnDeletedObject). */
const RETURNS_OBJECT = new Set(['pods', 'services', 'persistentvolumes', 'persistentvolumeclaims', 'namespaces', 'serviceaccounts', 'customresourcedefinitions.apiextensions.k8s.io']);

/** Objects whose ownerReferences name `uid`, across every stored resource. */
function dependentsOf(rt: ClusterRuntime, uid: string): { key: string; obj: SimObject }[] {
  const out: { key: string; obj: SimObject }[] = [];
  for (const key of rt.store.resources()) {
    for (const e of rt.store.entries(key)) {
      if (e.object.metadata.ownerReferences?.some((r) => r.uid === uid)) out.push({ key, obj: e.object });
    }
  }
  return out;
}

/**
 * Deletes one object the way the API server and its garbage collector would. Returns the object as the
 * DELETE response shows it: marked for graceful deletion (pods, namespaces) or its last state.
 */
export function deleteObject(rt: ClusterRuntime, key: string, obj: SimObject, opts: DeleteOptions): SimObject {
  const meta = obj.metadata;
  const policy = opts.propagationPolicy ?? (opts.orphanDependents ? 'Orphan' : 'Background');
  const dependents = meta.uid ? dependentsOf(rt, meta.uid) : [];
  if (policy === 'Foreground' && dependents.length > 0 && !meta.deletionTimestamp) {
    // Foreground: the owner stays, marked, until its dependents are gone.
    const marked = rt.store.update(key, {
      ...obj,
      metadata: { ...meta, deletionTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), finalizers: [...(meta.finalizers ?? []), 'foregroundDeletion'] },
    });
    for (const dep of dependents) deleteObject(rt, dep.key, dep.obj, { propagationPolicy: 'Foreground' });
    let checks = 0;
    const removeWhenOrphanless = () => {
      const cur = rt.store.get(key, meta.namespace, meta.name);
      if (!cur || cur.metadata.uid !== meta.uid) return;
      if (dependentsOf(rt, meta.uid!).length > 0 && ++checks < 50) rt.schedule(200, removeWhenOrphanless);
      else rt.store.remove(key, meta.namespace, meta.name);
    };
    rt.schedule(200, removeWhenOrphanless);
    return marked;
  }
  if (meta.uid) {
    for (const dep of dependents) {
      if (policy === 'Orphan') {
        const refs = dep.obj.metadata.ownerReferences!.filter((r) => r.uid !== meta.uid);
        rt.store.update(dep.key, { ...dep.obj, metadata: { ...dep.obj.metadata, ownerReferences: refs.length ? refs : undefined } });
      } else {
        deleteObject(rt, dep.key, dep.obj, { propagationPolicy: 'Background' });
      }
    }
  }
  if (key === 'pods') {
    const spec = obj.spec as { terminationGracePeriodSeconds?: number } | undefined;
    const grace = opts.gracePeriodSeconds ?? spec?.terminationGracePeriodSeconds ?? 30;
    const phase = (obj.status as { phase?: string } | undefined)?.phase;
    if (grace > 0 && phase !== 'Succeeded' && phase !== 'Failed') {
      if (meta.deletionTimestamp) return obj;
      const marked = rt.store.update(key, {
        ...obj,
        metadata: { ...meta, deletionTimestamp: new Date(Date.now() + grace * 1000).toISOString().replace(/\.\d+Z$/, 'Z'), deletionGracePeriodSeconds: grace },
      });
      // The kubelet confirms the stop after a (shortened) grace period; then the pod is gone.
      rt.schedule(Math.min(rt.podGraceMs, grace * 1000), () => {
        const cur = rt.store.get(key, meta.namespace, meta.name);
        if (cur && cur.metadata.uid === meta.uid) rt.store.remove(key, meta.namespace, meta.name);
      });
      return marked;
    }
  }
  if (key === 'namespaces') {
    if (meta.deletionTimestamp) return obj;
    const marked = rt.store.update(key, {
      ...obj,
      metadata: { ...meta, deletionTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z') },
      status: { ...(obj.status as object | undefined), phase: 'Terminating' },
    });
    rt.schedule(Math.min(rt.podGraceMs, 1000), () => {
      for (const k of rt.store.resources()) {
        for (const e of rt.store.entries(k, meta.name)) rt.store.remove(k, meta.name, e.object.metadata.name);
      }
      rt.store.remove(key, undefined, meta.name);
    });
    return marked;
  }
  if (key === 'customresourcedefinitions.apiextensions.k8s.io') {
    // Deleting a CRD deletes every object of it (its name is "<plural>.<group>", the objects' store key).
    for (const e of rt.store.entries(meta.name)) rt.store.remove(meta.name, e.object.metadata.namespace, e.object.metadata.name);
  }
  return rt.store.remove(key, meta.namespace, meta.name) ?? obj;
}

export async function handleDelete(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse, def: ResourceDef, info: ResourceRequestInfo, q: URLSearchParams): Promise<void> {
  const opts = await readDeleteOptions(req, q);
  const current = rt.store.get(info.key, info.namespace, info.name!);
  if (!current) throw notFound(def.plural, def.group, info.name!);
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== current.metadata.uid) {
    throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`, reason: 'Conflict', details: { name: info.name, ...(def.group ? { group: def.group } : {}), kind: def.plural }, code: 409 });
  }
  if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) throw conflict(def.plural, def.group, info.name!);
  const result = opts.dryRun?.includes('All') ? current : deleteObject(rt, info.key, current, opts);
  if (RETURNS_OBJECT.has(resourceKey(def.group, def.plural))) {
    sendObject(res, 200, def, result);
    return;
  }
  sendJsonText(res, 200, JSON.stringify(successStatus({ name: info.name, ...(def.group ? { group: def.group } : {}), kind: def.plural, uid: current.metadata.uid })));
}

export async function handleDeleteCollection(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse, def: ResourceDef, info: ResourceRequestInfo, q: URLSearchParams): Promise<void> {
  const opts = await readDeleteOptions(req, q);
  const filter = buildFilter(def, q);
  const deleted: SimObject[] = [];
  for (const e of rt.store.entries(info.key, info.namespace)) {
    if (!filter.matches(e.object)) continue;
    deleted.push(opts.dryRun?.includes('All') ? e.object : deleteObject(rt, info.key, e.object, opts));
  }
  const av = apiVersionOf(def);
  sendJson(res, 200, { kind: def.listKind, apiVersion: av, metadata: { resourceVersion: String(rt.store.currentRv()) }, items: deleted });
}
