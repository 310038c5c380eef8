// The scale subresource: GET/PUT/PATCH an autoscaling/v1 Scale view of a workload's replicas.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterRuntime } from './api-server.js';
import type { ResourceRequestInfo } from './request-info.js';
import type { ResourceDef } from './resources.js';
import type { SimObject } from './types.js';
import { badRequest, conflict, notFound } from './status.js';
import { parseJsonBody, readBody, sendJson } from './http.js';
import { applyPatch } from './mutations.js';

interface ScalePaths {
  spec: string[];
  status: string[];
  selector?: string[];
}

function pathOf(jsonPath: string): string[] {
  return jsonPath.replace(/^\./, '').split('.');
}

function pathsFor(def: ResourceDef): ScalePaths {
  if (def.scalePaths) {
    return {
      spec: pathOf(def.scalePaths.specReplicasPath),
      status: pathOf(def.scalePaths.statusReplicasPath),
      ...(def.scalePaths.labelSelectorPath ? { selector: pathOf(def.scalePaths.labelSelectorPath) } : {}),
    };
  }
  return { spec: ['spec', 'replicas'], status: ['status', 'replicas'] };
}

function read(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((c, k) => (c && typeof c === 'object' ? (c as Record<string, unknown>)[k] : undefined), obj);
}

function write(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let cur = obj;
  for (const k of path.slice(0, -1)) {
    if (!cur[k] || typeof cur[k] !== 'object') cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[path[path.length - 1]] = value;
}

/** The selector of a workload as the Scale's status shows it: "app=web,tier=front". */
function selectorString(obj: SimObject, paths: ScalePaths): string {
  if (paths.selector) return String(read(obj, paths.selector) ?? '');
  const sel = (obj.spec as { selector?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } } | undefined)?.selector;
  const parts = Object.entries(sel?.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    const op = e.operator.toLowerCase();
    if (op === 'exists') parts.push(e.key);
    else if (op === 'doesnotexist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${op} (${(e.values ?? []).join(',')})`);
  }
  return parts.join(',');
}

function scaleOf(obj: SimObject, paths: ScalePaths): SimObject {
  const replicas = Number(read(obj, paths.spec) ?? 0);
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, ...(m.namespace ? { namespace: m.namespace } : {}), uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: replicas ? { replicas } : {},
    status: { replicas: Number(read(obj, paths.status) ?? 0), selector: selectorString(obj, paths) },
  };
}

export async function handleScale(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse, def: ResourceDef, info: ResourceRequestInfo): Promise<void> {
  const current = rt.store.get(info.key, info.namespace, info.name!);
  if (!current) throw notFound(def.plural, def.group, info.name!);
  const paths = pathsFor(def);
  const scale = scaleOf(current, paths);
  if (info.verb === 'get') {
    sendJson(res, 200, scale);
    return;
  }
  const raw = await readBody(req);
  const next = info.verb === 'patch' ? applyPatch({ ...def, custom: false }, req.headers['content-type'] ?? '', scale, raw) : (parseJsonBody(raw) as SimObject);
  const rv = next?.metadata?.resourceVersion;
  if (info.verb === 'update' && rv && rv !== current.metadata.resourceVersion) throw conflict(def.plural, def.group, info.name!);
  const replicas = (next?.spec as { replicas?: unknown } | undefined)?.replicas ?? 0;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw badRequest(`Scale.autoscaling "${info.name}" is invalid: spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`);
  }
  const updated = structuredClone(current) as Record<string, unknown> & SimObject;
  write(updated, paths.spec, replicas);
  const stored = rt.store.update(info.key, updated);
  sendJson(res, 200, scaleOf(stored, paths));
}
