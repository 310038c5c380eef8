// SNI for IP literals, with kubectl as the oracle: direct, through an HTTPS (CONNECT) proxy and through SOCKS5,
// to IPv4, IPv6 and named servers. RFC 6066 allows only host names in SNI, so for an IP literal kubectl sends
// none; kdeck must send what kubectl sends, and reach the proxy with the same target.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { loadConnection } from '../../src/kubeconfig/index.js';
import { createClient } from '../../src/transport/client.js';
import { makePki, type TestPki } from '../helpers/pki.js';
import { startTestApiServer, type SeenRequest, type TestApiServer } from '../helpers/api-server.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { startSocks5Proxy, type Socks5Proxy } from '../helpers/socks5-proxy.js';

const run = promisify(execFile);
let pki: TestPki;
let v4: TestApiServer;
let v6: TestApiServer;
let http: ConnectProxy;
let socks: Socks5Proxy;
let dir: string;
let kubeconfig: string;
const b64 = (s: string) => Buffer.from(s).toString('base64');

const SERVERS = ['ipv4', 'ipv6', 'name'] as const;
const PROXIES = ['direct', 'https-proxy', 'socks5'] as const;
const contextOf = (s: string, p: string) => `${s}-${p}`;

before(async () => {
  pki = makePki();
  dir = mkdtempSync(join(tmpdir(), 'kdeck-sni-'));
  const tokens = { 'tok-bob': { username: 'bob', groups: [] } };
  v4 = await startTestApiServer({ serverCert: pki.server, clientCa: pki.ca.certPem, tokens });
  v6 = await startTestApiServer({ serverCert: pki.server, clientCa: pki.ca.certPem, tokens, host: '::1' });
  http = await startConnectProxy();
  socks = await startSocks5Proxy();
  const url = { ipv4: v4.url, ipv6: v6.url, name: `https://localhost:${v4.port}` };
  const proxy = { direct: undefined, 'https-proxy': http.url, socks5: socks.url };
  kubeconfig = join(dir, 'config');
  writeFileSync(kubeconfig, stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'ipv4-direct',
    clusters: SERVERS.flatMap((s) => PROXIES.map((p) => ({
      name: contextOf(s, p),
      cluster: { server: url[s], 'certificate-authority-data': b64(pki.ca.certPem), ...(proxy[p] ? { 'proxy-url': proxy[p] } : {}) },
    }))),
    users: [{ name: 'bob', user: { token: 'tok-bob' } }],
    contexts: SERVERS.flatMap((s) => PROXIES.map((p) => ({ name: contextOf(s, p), context: { cluster: contextOf(s, p), user: 'bob' } }))),
  }));
});

after(async () => {
  await Promise.all([v4?.stop(), v6?.stop(), http?.stop(), socks?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

function seenSince(before: { v4: number; v6: number }): SeenRequest[] {
  return [...v4.seen.slice(before.v4), ...v6.seen.slice(before.v6)].filter((r) => r.path.startsWith('/whoami'));
}

async function viaKubectl(context: string): Promise<{ servername?: string; proxyTarget?: string }> {
  const mark = { v4: v4.seen.length, v6: v6.seen.length };
  const t = { http: http.targets.length, socks: socks.targets.length };
  await run('kubectl', ['--kubeconfig', kubeconfig, '--context', context, '--cache-dir', join(dir, `cache-${context}`), 'get', '--raw', '/whoami'],
    { env: { PATH: process.env.PATH, HOME: dir }, cwd: dir });
  const mine = seenSince(mark).filter((r) => String(r.headers['user-agent']).startsWith('kubectl/'));
  assert.equal(mine.length, 1, `kubectl made one /whoami request for ${context}`);
  return { servername: mine[0]!.servername, proxyTarget: [...http.targets.slice(t.http), ...socks.targets.slice(t.socks)].at(-1) };
}

async function viaKdeck(context: string): Promise<{ servername?: string; proxyTarget?: string }> {
  const spec = loadConnection({ kubeconfig, context }, { env: {}, homeDir: dir, cwd: dir });
  const client = createClient(spec, { env: {} });
  const mark = { v4: v4.seen.length, v6: v6.seen.length };
  const t = { http: http.targets.length, socks: socks.targets.length };
  try {
    await client.requestJson({ path: '/whoami' });
  } finally {
    await client.close();
  }
  const mine = seenSince(mark);
  assert.equal(mine.length, 1, `kdeck made one /whoami request for ${context}`);
  return { servername: mine[0]!.servername, proxyTarget: [...http.targets.slice(t.http), ...socks.targets.slice(t.socks)].at(-1) };
}

for (const s of SERVERS) {
  for (const p of PROXIES) {
    test(`${s} server, ${p}: the SNI (and the proxy's target) are kubectl's`, async () => {
      const context = contextOf(s, p);
      const k = await viaKubectl(context);
      const d = await viaKdeck(context);
      assert.deepEqual(d, k);
      if (s === 'name') assert.equal(k.servername, 'localhost');
      else assert.equal(k.servername, undefined, 'kubectl sends no SNI for an IP literal');
    });
  }
}
