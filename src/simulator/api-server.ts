// The request pipeline of one simulated cluster: faults → /version → authentication → authorization →
// discovery or resource handlers. Errors leave as Status objects; unknown paths as Go's plain-text 404.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiStatusError } from '../errors.js';
import type { ResourceDef } from './resources.js';
import type { MemoryStore } from './store.js';
import type { WatchHub } from './watch.js';
import type { Identity, TokenRegistry } from './authn.js';
import type { FaultState } from './faults.js';
import type { LogSource } from './logs.js';
import { authenticate } from './authn.js';
import { StatusError, badRequest, internalError, methodNotAllowed, notFound, tooLargeResourceVersion, unauthorized } from './status.js';
import { sendJson, sendJsonText, sendNotFoundPage, sendStatus, sendText, isWatchQuery, baseHeaders } from './http.js';
import { parseRequestTarget, type ResourceRequestInfo } from './request-info.js';
import { negotiateDiscoveryResponse, renderAggregatedDiscovery, renderApiGroupDocument, renderApiGroupList, renderApiResourceList, renderApiVersions } from './discovery.js';
import { negotiateMetadataOnly, negotiateTable, apiVersionOf, partialMetadataJson, tablePieces, type TableOptions } from './table.js';
import { selectPage, writeList, writePieces } from './list.js';
import { checkAccess, checkPathAccess } from './access.js';
import { handleCreate, handleDelete, handleDeleteCollection, handlePatch, handleUpdate } from './mutations.js';
import { handleScale } from './scale.js';
import { handleEviction } from './eviction.js';
import { handlePodLog } from './logs.js';
import { handleReview } from './reviews.js';
import { handleMetrics } from './metrics-api.js';
import { handleTokenRequest } from './token-request.js';
import { renderOpenApiGroupVersion, renderOpenApiIndex, renderOpenApiV2 } from './openapi.js';
import { OPENAPI_V2_PROTOBUF_RESPONSE, encodeOpenApiV2 } from './openapi-v2-protobuf.js';
import { impersonate } from './impersonation.js';
import { compressWhenAsked } from './compression.js';
import { servedJson } from './event-versions.js';
import { isStreamSubresource, resolveStreamTarget } from './streaming/upgrade.js';

export interface ClusterRuntime {
  name: string;
  minor: number;
  tls: boolean;
  store: MemoryStore;
  hub: WatchHub;
  tokens: TokenRegistry;
  faults: FaultState;
  logs: LogSource;
  /** Built-ins plus CRD-defined resources; recomputed when CRDs change. */
  catalogue(): ResourceDef[];
  /** How long a graceful pod deletion takes here (shortened from the real 30 s). */
  podGraceMs: number;
  serverAddress: string;
  /** Runs `fn` after `ms` unless the cluster stops first. */
  schedule(ms: number, fn: () => void): void;
  /** Registers cleanup for stop(); returns its unregistration. */
  onStop(fn: () => void): () => void;
  /** Every request's method and path, oldest first (the last REQUEST_LOG_LIMIT), for tests that count requests. */
  requestLog: { method: string; path: string }[];
}

const REQUEST_LOG_LIMIT = 10_000;

export function versionInfo(minor: number): object {
  const patch = minor === 33 ? 1 : minor === 28 ? 15 : 4;
  return {
    major: '1',
    minor: String(minor),
    gitVersion: `v1.${minor}.${patch}`,
    gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
    gitTreeState: 'clean',
    buildDate: '2025-04-22T16:03:13Z',
    goVersion: 'go1.23.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** WatchList (sendInitialEvents) gate: beta on in 1.32, off again in 1.33, on from 1.34. */
export function watchListEnabled(minor: number): boolean {
  return minor === 32 || minor >= 34;
}

const HEALTH_PATHS = new Set(['/healthz', '/readyz', '/livez']);

export function createRequestHandler(rt: ClusterRuntime): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    rt.requestLog.push({ method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0] });
    if (rt.requestLog.length > REQUEST_LOG_LIMIT) rt.requestLog.splice(0, rt.requestLog.length - REQUEST_LOG_LIMIT);
    handle(rt, req, res).catch((err: unknown) => {
      if (err instanceof StatusError || err instanceof ApiStatusError) sendStatus(res, err.status);
      else sendStatus(res, internalError(err instanceof Error ? err.message : String(err)).status);
    });
  };
}

async function handle(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sim');
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const q = url.searchParams;
  const method = req.method ?? 'GET';

  // The dispatcher's /version call must always work: it picks kubectl's version from it.
  if (path === '/version' && (method === 'GET' || method === 'HEAD')) {
    sendJson(res, 200, versionInfo(rt.minor));
    return;
  }
  // Streams (watch, log follow, upgrades) are never compressed.
  if (method === 'GET' && !isWatchQuery(q) && !q.has('follow') && !req.headers.upgrade) compressWhenAsked(req, res);
  const injected = await rt.faults.beforeRequest(path);
  if (injected) {
    injected(res);
    return;
  }

  const authenticated = authenticate(req, rt.tls, rt.tokens);
  if (authenticated === 'unauthorized') throw unauthorized();
  const identity = impersonate(authenticated, req.headers);

  if (HEALTH_PATHS.has(path) || path.startsWith('/healthz/') || path.startsWith('/readyz/') || path.startsWith('/livez/')) {
    sendText(res, 200, 'ok');
    return;
  }

  const target = parseRequestTarget(method, path, isWatchQuery(q), rt.catalogue());
  if (target.kind === 'nonresource') {
    checkPathAccess(identity, path, method);
    if (path === '/openapi/v3') {
      sendJson(res, 200, renderOpenApiIndex(rt.catalogue()));
      return;
    }
    if (path === '/openapi/v2') {
      serveOpenApiV2(rt, req, res);
      return;
    }
    if (path.startsWith('/openapi/v3/')) {
      const doc = renderOpenApiGroupVersion(rt.catalogue(), path.slice('/openapi/v3/'.length), rt.minor, crdObjects(rt));
      if (doc) sendJson(res, 200, doc);
      else sendNotFoundPage(res);
      return;
    }
    sendNotFoundPage(res);
    return;
  }
  if (target.kind === 'discovery') {
    checkPathAccess(identity, path, method);
    serveDiscovery(rt, req, res, target.root, target.group, target.version);
    return;
  }
  await serveResource(rt, req, res, identity, target.info, q);
}

const crdObjects = (rt: ClusterRuntime) => rt.store.list('customresourcedefinitions.apiextensions.k8s.io');

/** /openapi/v2: gnostic protobuf when asked for (kubectl ≤ 1.29 apply and explain), else JSON. */
function serveOpenApiV2(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse): void {
  const doc = renderOpenApiV2(rt.catalogue(), rt.minor, crdObjects(rt));
  if (/com\.github\.proto-openapi\.spec\.v2/.test(req.headers.accept ?? '')) {
    const body = encodeOpenApiV2(doc);
    res.writeHead(200, { ...baseHeaders(OPENAPI_V2_PROTOBUF_RESPONSE), 'Content-Length': String(body.length) });
    res.end(body);
    return;
  }
  sendJson(res, 200, doc);
}

function serveDiscovery(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse, root: 'api' | 'apis', group?: string, version?: string): void {
  const catalogue = rt.catalogue();
  if (group === undefined && version === undefined) {
    const { format, contentType } = negotiateDiscoveryResponse(req.headers.accept ?? '', rt.minor);
    if (format !== 'legacy') {
      sendJson(res, 200, renderAggregatedDiscovery(catalogue, root, format), contentType);
      return;
    }
    sendJson(res, 200, root === 'api' ? renderApiVersions(rt.serverAddress) : renderApiGroupList(catalogue));
    return;
  }
  if (version === undefined) {
    const doc = renderApiGroupDocument(catalogue, group!);
    if (doc) sendJson(res, 200, doc);
    else sendNotFoundPage(res);
    return;
  }
  const doc = renderApiResourceList(catalogue, group ?? '', version);
  if (doc) sendJson(res, 200, doc);
  else sendNotFoundPage(res);
}

async function serveResource(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse, identity: Identity, info: ResourceRequestInfo, q: URLSearchParams): Promise<void> {
  const def = info.def;
  if (!def) {
    sendNotFoundPage(res);
    return;
  }
  // A cluster-scoped resource under /namespaces/NS/, or a named namespaced one without a namespace: no route.
  if (info.namespace !== undefined && !def.namespaced) {
    sendNotFoundPage(res);
    return;
  }
  if (def.namespaced && info.namespace === undefined && info.name !== undefined && info.resource !== 'namespaces') {
    sendNotFoundPage(res);
    return;
  }
  if (info.subresource !== undefined && !def.subresources.some((s) => s.name === info.subresource)) {
    sendNotFoundPage(res);
    return;
  }
  checkAccess(identity, info);

  const verbsOk = info.subresource !== undefined
    ? def.subresources.find((s) => s.name === info.subresource)!.verbs.includes(info.verb)
    : def.verbs.includes(info.verb);
  if (!verbsOk) throw methodNotAllowed(info.verb, info.subresource ? `${info.resource}/${info.subresource}` : info.resource);

  if (def.group === 'metrics.k8s.io') return handleMetrics(rt, req, res, def, info, q);
  if (def.verbs.length === 1 && def.verbs[0] === 'create') return handleReview(rt, req, res, identity, def);

  if (info.subresource === 'scale') return handleScale(rt, req, res, def, info);
  if (info.subresource === 'eviction' && info.resource === 'pods') return handleEviction(rt, req, res, info);
  if (info.subresource === 'log') return handlePodLog(rt, req, res, info, q);
  if (info.subresource === 'token' && info.resource === 'serviceaccounts') return handleTokenRequest(rt, req, res, info);
  if (isStreamSubresource(info)) {
    // Without an Upgrade header: the pod checks still answer first, then the proxy's refusal.
    resolveStreamTarget(rt, info, q);
    throw badRequest('Upgrade request required');
  }
  if (info.subresource !== undefined && info.subresource !== 'status') {
    throw badRequest(`the simulator does not implement ${info.resource}/${info.subresource}`);
  }

  switch (info.verb) {
    case 'get':
      return serveGet(rt, req, res, def, info, q);
    case 'list': {
      await awaitResourceVersion(rt, q);
      const page = selectPage(rt.store, def, info.key, info.namespace, q);
      writeList(res, def, page, tableFor(rt, req, q, def), negotiateMetadataOnly(req.headers.accept));
      return;
    }
    case 'watch':
      if (!(await awaitResourceVersion(rt, q, res))) return;
      rt.hub.serve(res, {
        def, key: info.key, q,
        ...(info.namespace !== undefined ? { namespace: info.namespace } : {}),
        ...(info.name !== undefined ? { name: info.name } : {}),
        ...(tableFor(rt, req, q, def) ? { table: tableFor(rt, req, q, def)! } : {}),
        ...(negotiateMetadataOnly(req.headers.accept) ? { metadataOnly: negotiateMetadataOnly(req.headers.accept)! } : {}),
        watchListEnabled: watchListEnabled(rt.minor),
      });
      return;
    case 'create':
      return handleCreate(rt, req, res, def, info);
    case 'update':
      return handleUpdate(rt, req, res, def, info);
    case 'patch':
      return handlePatch(rt, req, res, def, info);
    case 'delete':
      return handleDelete(rt, req, res, def, info, q);
    case 'deletecollection':
      return handleDeleteCollection(rt, req, res, def, info, q);
    default:
      throw methodNotAllowed(info.verb, info.resource);
  }
}

const RV_WAIT_MS = 3000;

/**
 * An RV ahead of the store: like the watch cache, wait up to 3 s for it, then answer 504 ResourceVersionTooLarge
 * (an HTTP error for a list; for a watch, HTTP 200 and an ERROR event). Returns false when it answered.
 */
async function awaitResourceVersion(rt: ClusterRuntime, q: URLSearchParams, watchRes?: ServerResponse): Promise<boolean> {
  const rv = q.get('resourceVersion') ?? '';
  if (!/^\d+$/.test(rv) || q.has('continue')) return true;
  const wanted = Number(rv);
  const deadline = Date.now() + RV_WAIT_MS;
  while (wanted > rt.store.currentRv() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (wanted <= rt.store.currentRv()) return true;
  const status = tooLargeResourceVersion(wanted, rt.store.currentRv());
  if (!watchRes) throw new StatusError(status);
  watchRes.writeHead(200, { ...baseHeaders('application/json'), 'Transfer-Encoding': 'chunked' });
  watchRes.end(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`);
  return false;
}

/** The Table options of a request, if it asked for a Table; custom resources bring their CRD's columns. */
function tableFor(rt: ClusterRuntime, req: IncomingMessage, q: URLSearchParams, def: ResourceDef): TableOptions | undefined {
  const table = negotiateTable(req.headers.accept, q);
  if (!table || !def.custom) return table;
  const crd = rt.store.get('customresourcedefinitions.apiextensions.k8s.io', undefined, `${def.plural}.${def.group}`);
  return crd ? { ...table, crd } : table;
}

function serveGet(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse, def: ResourceDef, info: ResourceRequestInfo, q: URLSearchParams): void {
  const table = tableFor(rt, req, q, def);
  const entry = rt.store.entry(info.key, info.namespace, info.name!);
  if (!entry) throw notFound(info.resource, def.group, info.name!);
  if (table) {
    res.writeHead(200, baseHeaders('application/json'));
    writePieces(res, tablePieces(def, [entry], { resourceVersion: String(entry.rv) }, table));
    return;
  }
  const metadataOnly = negotiateMetadataOnly(req.headers.accept);
  sendJsonText(res, 200, metadataOnly ? partialMetadataJson(entry, metadataOnly) : servedJson(def, entry, def.kind, apiVersionOf(def)));
}

