// Parses a URL path into what the request is about, as kube-apiserver's RequestInfoFactory does:
// API prefix, group/version, namespace, resource, name, subresource, and the verb.
import { storageKey, type ResourceDef } from './resources.js';

export interface ResourceRequestInfo {
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
  verb: string;
  def?: ResourceDef;
  key: string;
}

export type RequestTarget =
  | { kind: 'resource'; info: ResourceRequestInfo }
  | { kind: 'discovery'; root: 'api' | 'apis'; group?: string; version?: string }
  | { kind: 'nonresource'; path: string };

// Subresources of a namespace that sit where a namespaced resource name would (/namespaces/NAME/status).
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function verbFor(method: string, hasName: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      return watch ? 'watch' : hasName ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

export function parseRequestTarget(method: string, path: string, watchQuery: boolean, catalogue: readonly ResourceDef[]): RequestTarget {
  let parts: string[];
  try {
    parts = path.split('/').filter((p) => p !== '').map(decodeURIComponent);
  } catch {
    return { kind: 'nonresource', path }; // malformed %-escapes: nothing is registered there
  }
  if (parts[0] !== 'api' && parts[0] !== 'apis') return { kind: 'nonresource', path };
  const root = parts[0];
  let rest: string[];
  let group: string;
  let version: string;
  if (root === 'api') {
    if (parts.length === 1) return { kind: 'discovery', root };
    version = parts[1];
    group = '';
    if (parts.length === 2) return { kind: 'discovery', root, group, version };
    rest = parts.slice(2);
  } else {
    if (parts.length === 1) return { kind: 'discovery', root };
    group = parts[1];
    if (parts.length === 2) return { kind: 'discovery', root, group };
    version = parts[2];
    if (parts.length === 3) return { kind: 'discovery', root, group, version };
    rest = parts.slice(3);
  }
  // Deprecated /watch/ prefix: GET …/watch/pods.
  let watch = watchQuery;
  if (rest[0] === 'watch') {
    watch = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1];
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2])) rest = rest.slice(2);
  }
  const [resource = '', name, subresource] = rest;
  // /namespaces/NAME is the namespace object itself; it is not "in" a namespace.
  if (resource === 'namespaces') namespace = undefined;
  const def = catalogue.find((d) => d.group === group && d.version === version && d.plural === resource);
  const info: ResourceRequestInfo = {
    group,
    version,
    resource,
    verb: verbFor(method, name !== undefined, watch),
    key: storageKey(group, resource),
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
    ...(def ? { def } : {}),
  };
  // With a subresource, a GET stays "get" even with ?watch (logs follow is not a watch).
  if (subresource !== undefined && info.verb === 'watch') info.verb = 'get';
  if (rest.length > 3) info.def = undefined;
  return { kind: 'resource', info };
}
