// One line saying how a spec authenticates, for the header, the context list and `kdeck doctor`. Never a secret.
import { X509Certificate } from 'node:crypto';
import type { ConnectionSpec } from '../kubeconfig/types.js';
import { describeExecCommand } from './exec-cache.js';

/** "CN=alice, O=dev" from a PEM certificate; undefined if it does not parse. */
export function certificateSubject(certPem: string): string | undefined {
  try {
    return formatDistinguishedName(new X509Certificate(certPem).subject);
  } catch {
    return undefined;
  }
}

/** node prints a DN one attribute per line ("O=dev\nCN=alice"); show it the way people read it, CN first. */
export function formatDistinguishedName(dn: string): string {
  const parts = dn.split('\n').filter(Boolean);
  const cn = parts.filter((p) => p.startsWith('CN='));
  return [...cn, ...parts.filter((p) => !p.startsWith('CN='))].join(', ');
}

export function describeAuth(spec: ConnectionSpec): string {
  if (spec.server.startsWith('http://')) return 'none (plain http: no credentials are sent)';
  const parts: string[] = [];
  const cert = spec.tls.clientCertificate;
  if (cert) {
    const subject = certificateSubject(cert.certPem);
    parts.push(`client certificate (${subject ?? 'unreadable'}) from ${cert.certSource}`);
  }
  const c = spec.credential;
  switch (c.kind) {
    case 'none':
      break;
    case 'token':
      parts.push('bearer token (redacted)');
      break;
    case 'tokenFile':
      parts.push(`bearer token from file ${c.path}`);
      break;
    case 'basic':
      parts.push(`basic auth as "${c.username}" (password redacted)`);
      break;
    case 'oidc':
      parts.push('oidc id-token (redacted)');
      break;
    case 'exec':
      parts.push(`exec: ${describeExecCommand(c.exec)}`);
      break;
  }
  if (parts.length === 0) return 'none (the server will treat you as system:anonymous)';
  return parts.join(' + ');
}

/** How the server's identity is checked, for the header and context list: insecure mode is always made visible. */
export function describeTls(spec: ConnectionSpec): string {
  if (spec.server.startsWith('http://')) return 'plain http (no TLS)';
  if (spec.tls.insecureSkipTLSVerify) return 'TLS NOT verified (insecure-skip-tls-verify)';
  const name = spec.tls.serverName ? ` as "${spec.tls.serverName}"` : '';
  return `TLS verified${name} against ${spec.tls.caPem ? spec.tls.caSource ?? 'the configured CA' : 'system roots'}`;
}
