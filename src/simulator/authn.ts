// Who is calling: client certificates (CN user, O groups), bearer tokens with expiry, anonymous; over plain
// http everyone is a full-access admin (kubectl sends no credentials there). Tokens never appear in output.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

export interface Identity {
  user: string;
  groups: string[];
  uid?: string;
}

export const HTTP_ADMIN: Identity = { user: 'system:admin', groups: ['system:masters', 'system:authenticated'] };
export const ANONYMOUS: Identity = { user: 'system:anonymous', groups: ['system:unauthenticated'] };

interface TokenRecord {
  identity: Identity;
  expiresAt?: number;
  expired?: boolean;
}

/** Bearer tokens issued by one simulator (shared by its clusters, like one identity provider). */
export class TokenRegistry {
  private readonly tokens = new Map<string, TokenRecord>();

  issue(user: string, groups: string[], ttlSeconds?: number): string {
    const token = `kdeck-sim.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, {
      identity: { user, groups: withAuthenticated(groups) },
      ...(ttlSeconds !== undefined ? { expiresAt: Date.now() + ttlSeconds * 1000 } : {}),
    });
    return token;
  }

  expire(token: string): void {
    const rec = this.tokens.get(token);
    if (rec) rec.expired = true;
  }

  lookup(token: string): Identity | undefined {
    const rec = this.tokens.get(token);
    if (!rec || rec.expired) return undefined;
    if (rec.expiresAt !== undefined && Date.now() >= rec.expiresAt) return undefined;
    return rec.identity;
  }
}

export function withAuthenticated(groups: string[]): string[] {
  return groups.includes('system:authenticated') ? groups : [...groups, 'system:authenticated'];
}

/** The identity of a request, or 'unauthorized' for credentials that are present but not valid. */
export function authenticate(req: IncomingMessage, tls: boolean, tokens: TokenRegistry): Identity | 'unauthorized' {
  if (!tls) return HTTP_ADMIN;
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m) return 'unauthorized'; // Basic auth was removed in 1.19; anything else is not understood either.
    return tokens.lookup(m[1]) ?? 'unauthorized';
  }
  const socket = req.socket as TLSSocket;
  if (typeof socket.getPeerCertificate === 'function' && socket.authorized) {
    const cert = socket.getPeerCertificate();
    const subject = cert?.subject as unknown as Record<string, string | string[]> | undefined;
    const cn = subject?.CN;
    if (typeof cn === 'string' && cn !== '') {
      const o = subject?.O;
      const groups = o === undefined ? [] : Array.isArray(o) ? o : [o];
      return { user: cn, groups: withAuthenticated(groups) };
    }
  }
  // A client certificate that does not chain to our CA is a failed authentication.
  if (typeof (socket as TLSSocket).getPeerCertificate === 'function') {
    const cert = socket.getPeerCertificate();
    if (cert && Object.keys(cert).length > 0 && !socket.authorized) return 'unauthorized';
  }
  return ANONYMOUS;
}
