// Which proxy a request to the API server goes through, as client-go decides it: the cluster's proxy-url wins;
// otherwise HTTPS_PROXY (https servers) or HTTP_PROXY (http servers), unless NO_PROXY matches the host. Like Go's
// net/http, requests to localhost and loopback addresses never use the environment's proxy.
import { isIP } from 'node:net';

export type ProxyEnv = Record<string, string | undefined>;

function envAny(env: ProxyEnv, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = env[n];
    if (v) return v;
  }
  return undefined;
}

function withScheme(proxy: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

/** IPv4 CIDR match; IPv6 CIDRs only match exactly (rare in NO_PROXY). */
function inCidr(ip: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (isIP(ip) !== 4 || isIP(net) !== 4 || !Number.isInteger(bits) || bits < 0 || bits > 32) return ip === net;
  if (bits === 0) return true;
  const mask = bits === 32 ? 0xffffffff : ~((1 << (32 - bits)) - 1) >>> 0;
  return ((ipv4ToInt(ip) & mask) >>> 0) === ((ipv4ToInt(net) & mask) >>> 0);
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** Does one NO_PROXY entry match host:port? Entries: "*", IPs, CIDRs, "example.com", ".example.com", "*.example.com", each with an optional ":port". */
export function noProxyMatches(entry: string, host: string, port: string): boolean {
  let e = entry.trim().toLowerCase();
  if (!e) return false;
  if (e === '*') return true;
  if (e.includes('/')) return inCidr(host, e);
  let entryPort = '';
  const bracketed = e.match(/^\[([^\]]+)\](?::(\d+))?$/);
  if (bracketed) {
    e = bracketed[1];
    entryPort = bracketed[2] ?? '';
  } else if (isIP(e) !== 6) {
    const m = e.match(/^(.*):(\d+)$/);
    if (m) {
      e = m[1];
      entryPort = m[2];
    }
  }
  if (entryPort && entryPort !== port) return false;
  if (isIP(e)) return e === host;
  if (e.startsWith('*.')) e = e.slice(1);
  e = e.replace(/\.$/, '');
  const h = host.replace(/\.$/, '');
  if (e.startsWith('.')) return h.endsWith(e) || h === e.slice(1);
  return h === e || h.endsWith(`.${e}`);
}

/** The proxy URL to use for `server`, or undefined for a direct connection. */
export function proxyForServer(server: string, clusterProxyUrl: string | undefined, env: ProxyEnv): string | undefined {
  if (clusterProxyUrl) return withScheme(clusterProxyUrl);
  const url = new URL(server);
  const https = url.protocol === 'https:';
  const proxy = https ? envAny(env, 'HTTPS_PROXY', 'https_proxy') : envAny(env, 'HTTP_PROXY', 'http_proxy');
  if (!proxy) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLoopback(host)) return undefined;
  const port = url.port || (https ? '443' : '80');
  const noProxy = envAny(env, 'NO_PROXY', 'no_proxy') ?? '';
  if (noProxy.split(/[,\s]+/).some((entry) => noProxyMatches(entry, host, port))) return undefined;
  return withScheme(proxy);
}

/** A proxy URL safe to print: no user or password. */
export function redactProxyUrl(proxy: string): string {
  try {
    const u = new URL(proxy);
    if (u.username || u.password) {
      u.username = '';
      u.password = '';
    }
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(unparsable proxy URL)';
  }
}
