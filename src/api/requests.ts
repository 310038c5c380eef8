// One-shot requests and the paths they go to. Full objects are fetched here on demand (describe, YAML);
// informers keep only rows.
import type { KubeClient, KubeRequest } from '../transport/types.js';
import { ApiStatusError } from '../errors.js';
import type { ResourceRef } from './catalogue.js';

/** The collection path: /api/v1/[namespaces/NS/]pods or /apis/G/V/[namespaces/NS/]RES; plus /NAME when given. */
export function resourcePath(ref: ResourceRef, namespace?: string, name?: string): string {
  const base = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
  const ns = ref.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${ref.resource}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

/** Sends req asking for plain JSON and parses a 2xx answer; anything else becomes an ApiStatusError. */
export function readJson<T>(client: KubeClient, req: KubeRequest): Promise<T> {
  return client.requestJson<T>({ ...req, headers: { Accept: 'application/json', ...req.headers } });
}

/** The full object, as JSON (with kind and apiVersion). */
export function getObject(client: KubeClient, ref: ResourceRef, namespace: string | undefined, name: string): Promise<unknown> {
  return readJson(client, { path: resourcePath(ref, namespace, name) });
}

/**
 * Whether namespace `name` exists, as k9s checks before switching: true or false when the server says so
 * (200 / 404), undefined when it cannot tell us (403 for a user who may not get namespaces, a dropped connection):
 * then the caller goes ahead, since refusing a namespace the user simply cannot see would lock them out.
 */
export async function namespaceExists(client: KubeClient, name: string): Promise<boolean | undefined> {
  try {
    await readJson(client, { path: `/api/v1/namespaces/${encodeURIComponent(name)}` });
    return true;
  } catch (e) {
    return e instanceof ApiStatusError && e.code === 404 ? false : undefined;
  }
}
