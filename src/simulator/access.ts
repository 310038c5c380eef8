// Authorization of each request against the rule table (authz.ts); a denial is the exact 403 kube-apiserver sends.
import type { Identity } from './authn.js';
import type { ResourceRequestInfo } from './request-info.js';
import { authorize, forbiddenError, type Attributes, type UserInfo } from './authz.js';

export function userInfo(id: Identity): UserInfo {
  return { username: id.user, groups: id.groups, ...(id.uid ? { uid: id.uid } : {}) };
}

export function checkAccess(id: Identity, info: ResourceRequestInfo): void {
  const attrs: Attributes = {
    verb: info.verb,
    group: info.group,
    version: info.version,
    resource: info.resource,
    ...(info.subresource !== undefined ? { subresource: info.subresource } : {}),
    ...(info.namespace !== undefined ? { namespace: info.namespace } : {}),
    ...(info.name !== undefined ? { name: info.name } : {}),
  };
  const user = userInfo(id);
  if (!authorize(user, attrs).allowed) throw forbiddenError(user, attrs);
}

export function checkPathAccess(id: Identity, path: string, method: string): void {
  const verb = method === 'GET' || method === 'HEAD' ? 'get' : method === 'POST' ? 'post' : method.toLowerCase();
  const user = userInfo(id);
  const attrs: Attributes = { verb, path };
  if (!authorize(user, attrs).allowed) throw forbiddenError(user, attrs);
}
