// Self reviews: SelfSubjectAccessReview, SelfSubjectRulesReview (authorization.k8s.io/v1) and SelfSubjectReview
// (authentication.k8s.io/v1). kubectl 1.32+ POSTs them as protobuf; we read JSON or protobuf and answer JSON 201.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterRuntime } from './api-server.js';
import type { Identity } from './authn.js';
import type { ResourceDef } from './resources.js';
import { parseJsonBody, readBody, sendJson } from './http.js';
import { badRequest, methodNotAllowed } from './status.js';
import { selfSubjectAccessReviewResponse, selfSubjectReviewResponse, selfSubjectRulesReviewResponse, type SelfSubjectAccessReview } from './authz.js';
import { userInfo } from './access.js';
import { decodeProtobufObject, isProtobufContentType } from './protobuf.js';

export async function handleReview(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse, identity: Identity, def: ResourceDef): Promise<void> {
  void rt;
  const raw = await readBody(req);
  const body = isProtobufContentType(req.headers['content-type']) ? decodeProtobufObject(raw) : parseJsonBody(raw);
  const user = userInfo(identity);
  switch (def.kind) {
    case 'SelfSubjectAccessReview':
      sendJson(res, 201, selfSubjectAccessReviewResponse(user, (body ?? {}) as SelfSubjectAccessReview));
      return;
    case 'SelfSubjectRulesReview':
      sendJson(res, 201, selfSubjectRulesReviewResponse(user, (body ?? {}) as { spec?: { namespace?: string } }));
      return;
    case 'SelfSubjectReview':
      sendJson(res, 201, { ...selfSubjectReviewResponse(user), apiVersion: `authentication.k8s.io/${def.version}` });
      return;
    default:
      if (body === undefined) throw badRequest('empty body');
      throw methodNotAllowed('create', def.plural);
  }
}
