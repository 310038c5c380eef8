// One-shot requests and the paths they go to. Full objects are fetched here on demand (describe, YAML);
// informers keep only rows.
import type { KubeClient, KubeRequest } from '../transport/types.js';
import type { ResourceRef } from './catalogue.js';
import { statusError } from './status.js';

/** The collection path: /api/v1/[namespaces/NS/]pods or /apis/G/V/[namespaces/NS/]RES; plus /NAME when given. */
export function resourcePath(ref: ResourceRef, namespace?: string, name?: string): string {
  const base = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
  const ns = ref.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${ref.resource}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

/** Sends req and parses a 2xx JSON answer; anything else becomes an ApiStatusError. */
export async function readJson<T>(client: KubeClient, req: KubeRequest): Promise<T> {
  const res = await client.request({ ...req, headers: { Accept: 'application/json', ...req.headers } });
  const text = await res.body.text();
  if (res.status < 200 || res.status >= 300) throw statusError(res.status, text, `${req.method ?? 'GET'} ${req.path}`, retryAfterSeconds(res.headers['retry-after']));
  return JSON.parse(text) as T;
}

/** The full object, as JSON (with kind and apiVersion). */
export function getObject(client: KubeClient, ref: ResourceRef, namespace: string | undefined, name: string): Promise<unknown> {
  return readJson(client, { path: resourcePath(ref, namespace, name) });
}

export function retryAfterSeconds(h: string | string[] | undefined): number | undefined {
  const v = Array.isArray(h) ? h[0] : h;
  if (!v) return undefined;
  const n = Number(v);
  if (Number.isFinite(n)) return Math.max(0, n);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, (t - Date.now()) / 1000);
}
