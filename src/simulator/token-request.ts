// serviceaccounts/token (TokenRequest, `kubectl create token`): issues a bearer token for the service account's
// identity that this simulator accepts until it expires.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterRuntime } from './api-server.js';
import type { ResourceRequestInfo } from './request-info.js';
import { notFound } from './status.js';
import { parseJsonBody, readBody, sendJson } from './http.js';
import { decodeProtobufObject, isProtobufContentType } from './protobuf.js';

interface TokenRequestSpec {
  audiences?: string[];
  expirationSeconds?: number;
  boundObjectRef?: unknown;
}

export async function handleTokenRequest(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse, info: ResourceRequestInfo): Promise<void> {
  const raw = await readBody(req);
  const body = (isProtobufContentType(req.headers['content-type']) ? decodeProtobufObject(raw) : parseJsonBody(raw)) as { spec?: TokenRequestSpec } | undefined;
  const ns = info.namespace!;
  const name = info.name!;
  if (!rt.store.get('serviceaccounts', ns, name)) throw notFound('serviceaccounts', '', name);
  // The issuer may grant another lifetime than asked; kube-apiserver's minimum is 10 minutes.
  const ttl = Math.max(600, body?.spec?.expirationSeconds ?? 3600);
  const token = rt.tokens.issue(`system:serviceaccount:${ns}:${name}`, ['system:serviceaccounts', `system:serviceaccounts:${ns}`], ttl);
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  sendJson(res, 201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace: ns, creationTimestamp: iso(now) },
    spec: { audiences: body?.spec?.audiences ?? ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: ttl, boundObjectRef: body?.spec?.boundObjectRef ?? null },
    status: { token, expirationTimestamp: iso(now + ttl * 1000) },
  });
}
