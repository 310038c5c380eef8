// Impersonate-User / Impersonate-Group / Impersonate-Uid headers (kubectl --as, --as-group, --as-uid): the caller
// needs the `impersonate` verb on users/groups/uids; then the request runs as that identity.
import type { IncomingHttpHeaders } from 'node:http';
import type { Identity } from './authn.js';
import { withAuthenticated } from './authn.js';
import { authorize, forbiddenError } from './authz.js';
import { userInfo } from './access.js';

function headerList(h: string | string[] | undefined): string[] {
  if (h === undefined) return [];
  return (Array.isArray(h) ? h : h.split(',')).map((s) => s.trim()).filter(Boolean);
}

export function impersonate(caller: Identity, headers: IncomingHttpHeaders): Identity {
  const user = headers['impersonate-user'];
  const groups = headerList(headers['impersonate-group']);
  const uid = headers['impersonate-uid'];
  if (user === undefined && groups.length === 0 && uid === undefined) return caller;
  const asUser = Array.isArray(user) ? user[0] : user;
  const checks: { resource: string; name: string }[] = [
    ...(asUser ? [{ resource: 'users', name: asUser }] : []),
    ...groups.map((g) => ({ resource: 'groups', name: g })),
    ...(typeof uid === 'string' ? [{ resource: 'uids', name: uid }] : []),
  ];
  const who = userInfo(caller);
  for (const c of checks) {
    const attrs = { verb: 'impersonate', group: '', resource: c.resource, name: c.name };
    if (!authorize(who, attrs).allowed) throw forbiddenError(who, attrs);
  }
  const name = asUser ?? caller.user;
  return {
    user: name,
    groups: name === 'system:anonymous' ? groups : withAuthenticated(groups),
    ...(typeof uid === 'string' ? { uid } : {}),
  };
}
