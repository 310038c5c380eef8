// Transport against a real HTTPS server with openssl-made certificates: every credential kind, TLS options,
// proxying, compression, headers, and each TLS/network failure classified right.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiStatusError, ConnectionError, TlsError } from '../../src/errors.js';
import { createClient, getClient, closeAllClients } from '../../src/transport/client.js';
import { USER_AGENT } from '../../src/transport/user-agent.js';
import { describeAuth, describeTls } from '../../src/auth/describe.js';
import { makePki, type TestPki } from '../helpers/pki.js';
import { startTestApiServer, type TestApiServer } from '../helpers/api-server.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { makeSpec } from '../helpers/spec.js';

let pki: TestPki;
let api: TestApiServer;
let expired: TestApiServer;
let proxy: ConnectProxy;
let dir: string;

before(async () => {
  pki = makePki();
  dir = mkdtempSync(join(tmpdir(), 'kdeck-transport-'));
  api = await startTestApiServer({
    serverCert: pki.server, clientCa: pki.ca.certPem,
    tokens: { 'tok-bob': { username: 'bob', groups: ['dev'] } },
    basic: { carol: { password: 's3cret-pw', username: 'carol', groups: [] } },
    podReaders: { default: ['alice', 'bob', 'carol'] },
  });
  expired = await startTestApiServer({ serverCert: pki.expiredServer, clientCa: pki.ca.certPem });
  proxy = await startConnectProxy({ 'kdeck.test': '127.0.0.1' });
});

after(async () => {
  await closeAllClients();
  await api?.stop();
  await expired?.stop();
  await proxy?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const whoami = async (spec: ReturnType<typeof makeSpec>) => {
  const client = createClient(spec);
  try {
    return await client.requestJson<{ user: string; groups: string[] }>({ path: '/whoami' });
  } finally {
    await client.close();
  }
};

describe('credentials reach the server', () => {
  test('client certificate from data, CA from data', async () => {
    const spec = makeSpec(api.url, { tls: { caPem: pki.ca.certPem, caSource: 'test-cluster.certificate-authority-data',
      clientCertificate: { certPem: pki.alice.certPem, keyPem: pki.alice.keyPem, certSource: '/x/alice.crt', keySource: '/x/alice.key' } } });
    assert.deepEqual(await whoami(spec), { user: 'alice', groups: ['dev'] });
    assert.equal(describeAuth(spec), 'client certificate (CN=alice, O=dev) from /x/alice.crt');
  });

  test('bearer token; secrets never in describeAuth', async () => {
    const spec = makeSpec(api.url, { tls: { caPem: pki.ca.certPem }, credential: { kind: 'token', token: 'tok-bob' } });
    assert.equal((await whoami(spec)).user, 'bob');
    assert.equal(describeAuth(spec), 'bearer token (redacted)');
    const last = api.seen.at(-1)!;
    assert.equal(last.headers.authorization, 'Bearer tok-bob');
    assert.equal(last.headers['user-agent'], USER_AGENT);
    assert.match(USER_AGENT, /^kdeck\/\d+\.\d+\.\d+ \(linux\/(amd64|arm64)\)$/);
    assert.equal(last.headers['accept-encoding'], 'gzip');
  });

  test('basic auth', async () => {
    const spec = makeSpec(api.url, { tls: { caPem: pki.ca.certPem }, credential: { kind: 'basic', username: 'carol', password: 's3cret-pw' } });
    assert.equal((await whoami(spec)).user, 'carol');
    assert.doesNotMatch(describeAuth(spec), /s3cret/);
  });

  test('oidc id-token is sent as a bearer token', async () => {
    const spec = makeSpec(api.url, { tls: { caPem: pki.ca.certPem }, credential: { kind: 'oidc', idToken: 'tok-bob' } });
    assert.equal((await whoami(spec)).user, 'bob');
  });

  test('token file: a rotated file is picked up, and a 401 re-reads it', async () => {
    const file = join(dir, 'token');
    writeFileSync(file, 'tok-bob\n');
    const spec = makeSpec(api.url, { tls: { caPem: pki.ca.certPem }, credential: { kind: 'tokenFile', path: file } });
    const client = createClient(spec);
    try {
      assert.equal((await client.requestJson<{ user: string }>({ path: '/whoami' })).user, 'bob');
      api.tokens['tok-rotated'] = { username: 'bob-rotated', groups: [] };
      writeFileSync(file, 'tok-rotated-and-longer\n');
      api.tokens['tok-rotated-and-longer'] = { username: 'bob-rotated', groups: [] };
      assert.equal((await client.requestJson<{ user: string }>({ path: '/whoami' })).user, 'bob-rotated');
    } finally {
      await client.close();
    }
  });

  test('an invalid token gives ApiStatusError 401 with a "must be logged in" hint, without the token', async () => {
    const spec = makeSpec(api.url, { tls: { caPem: pki.ca.certPem }, credential: { kind: 'token', token: 'expired-token-123' } });
    const client = createClient(spec);
    try {
      const err = await client.requestJson({ path: '/api/v1/namespaces/default/pods' }).catch((e: unknown) => e);
      assert.ok(err instanceof ApiStatusError);
      assert.equal(err.code, 401);
      assert.equal(err.reason, 'Unauthorized');
      assert.match(err.hint ?? '', /must be logged in/);
      assert.doesNotMatch(`${err.message} ${err.hint}`, /expired-token-123/);
    } finally {
      await client.close();
    }
  });

  test('impersonation headers: one Impersonate-Group per group', async () => {
    const spec = makeSpec(api.url, { tls: { caPem: pki.ca.certPem }, credential: { kind: 'token', token: 'tok-bob' }, impersonate: { user: 'jane', groups: ['devs', 'qa'] } });
    await whoami(spec);
    const h = api.seen.at(-1)!.headers;
    assert.equal(h['impersonate-user'], 'jane');
    // node joins repeated headers with ", " on HTTP/2 for unknown names: both values must be there
    assert.match(String(h['impersonate-group']), /devs.*qa/);
  });
});

describe('TLS settings', () => {
  test('HTTP/2 is used when the server offers it', async () => {
    await whoami(makeSpec(api.url, { tls: { caPem: pki.ca.certPem } }));
    assert.equal(api.seen.at(-1)!.httpVersion, '2.0');
  });

  test('CA from a file path is what the resolver reads; tls-server-name sets SNI and the verified name', async () => {
    const spec = makeSpec(`https://127.0.0.1:${api.port}`, { tls: { caPem: pki.ca.certPem, serverName: 'api.internal' } });
    await whoami(spec);
    assert.equal(api.seen.at(-1)!.servername, 'api.internal');
  });

  test('insecure-skip-tls-verify accepts an untrusted server', async () => {
    const spec = makeSpec(api.url, { tls: { insecureSkipTLSVerify: true, caPem: undefined } });
    assert.equal((await whoami(spec)).user, 'system:anonymous');
    assert.equal(describeTls(spec), 'TLS NOT verified (insecure-skip-tls-verify)');
  });

  test('wrong CA → unknown authority, naming the CA source', async () => {
    const spec = makeSpec(api.url, { tls: { caPem: pki.otherCa.certPem, caSource: '/home/u/.kube/other-ca.crt' } });
    const err = await whoami(spec).catch((e: unknown) => e);
    assert.ok(err instanceof TlsError, String(err));
    assert.equal(err.step, 'unknown-authority');
    assert.match(err.message, /x509: certificate signed by unknown authority/);
    assert.match(err.message, /other-ca\.crt/);
    assert.match(err.hint ?? '', /certificate-authority/);
  });

  test('no CA configured → unknown authority mentioning system roots', async () => {
    const err = await whoami(makeSpec(api.url)).catch((e: unknown) => e);
    assert.ok(err instanceof TlsError);
    assert.equal(err.step, 'unknown-authority');
    assert.match(err.message, /system CA roots/);
  });

  test('hostname mismatch', async () => {
    const spec = makeSpec(api.url, { tls: { caPem: pki.ca.certPem, serverName: 'wrong.example.com' } });
    const err = await whoami(spec).catch((e: unknown) => e);
    assert.ok(err instanceof TlsError, String(err));
    assert.equal(err.step, 'hostname-mismatch');
    assert.match(err.hint ?? '', /tls-server-name/);
  });

  test('expired server certificate', async () => {
    const err = await whoami(makeSpec(expired.url, { tls: { caPem: pki.ca.certPem } })).catch((e: unknown) => e);
    assert.ok(err instanceof TlsError, String(err));
    assert.equal(err.step, 'expired');
  });
});

describe('network failures and API errors', () => {
  test('connection refused', async () => {
    const port = await closedPort();
    const err = await whoami(makeSpec(`https://127.0.0.1:${port}`)).catch((e: unknown) => e);
    assert.ok(err instanceof ConnectionError, String(err));
    assert.equal(err.step, 'refused');
    assert.match(err.hint ?? '', /server: URL/);
  });

  test('DNS failure', async () => {
    const err = await whoami(makeSpec('https://no-such-host.invalid:6443')).catch((e: unknown) => e);
    assert.ok(err instanceof ConnectionError, String(err));
    assert.equal(err.step, 'dns');
  });

  test('request timeout → ConnectionError timeout; a caller abort stays an AbortError', async () => {
    const held = new Set<import('node:net').Socket>();
    const hang = createServer((socket) => held.add(socket));
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const port = (hang.address() as AddressInfo).port;
    const client = createClient(makeSpec(`https://127.0.0.1:${port}`, { requestTimeoutMs: 200 }));
    try {
      const err = await client.request({ path: '/version' }).catch((e: unknown) => e);
      assert.ok(err instanceof ConnectionError, String(err));
      assert.equal(err.step, 'timeout');
      const ac = new AbortController();
      const pending = client.request({ path: '/version', signal: ac.signal, timeoutMs: 0 });
      ac.abort();
      const aborted = await pending.catch((e: unknown) => e);
      assert.equal((aborted as Error).name, 'AbortError');
    } finally {
      await client.close();
      for (const socket of held) socket.destroy();
      hang.close();
    }
  });

  test('plain-text 429 becomes a Status with Retry-After kept', async () => {
    const client = createClient(makeSpec(api.url, { tls: { caPem: pki.ca.certPem } }));
    try {
      const err = await client.requestJson({ path: '/text-429' }).catch((e: unknown) => e);
      assert.ok(err instanceof ApiStatusError);
      assert.equal(err.code, 429);
      assert.equal(err.reason, 'TooManyRequests');
      assert.equal(err.retryAfterSeconds, 3);
      assert.match(err.message, /Too many requests/);
    } finally {
      await client.close();
    }
  });

  test('403 Status body is kept', async () => {
    const client = createClient(makeSpec(api.url, { tls: { caPem: pki.ca.certPem } }));
    try {
      const err = await client.requestJson({ path: '/api/v1/namespaces/kube-system/pods' }).catch((e: unknown) => e);
      assert.ok(err instanceof ApiStatusError);
      assert.equal(err.code, 403);
      assert.match(err.message, /cannot list resource "pods"/);
    } finally {
      await client.close();
    }
  });

  test('gzip responses are decompressed; disable-compression sends no Accept-Encoding', async () => {
    const client = createClient(makeSpec(api.url, { tls: { caPem: pki.ca.certPem } }));
    const plain = createClient(makeSpec(api.url, { tls: { caPem: pki.ca.certPem }, disableCompression: true }));
    try {
      const list = await client.requestJson<{ items: unknown[] }>({ path: '/big' });
      assert.equal(list.items.length, 3000);
      const list2 = await plain.requestJson<{ items: unknown[] }>({ path: '/big' });
      assert.equal(list2.items.length, 3000);
      assert.equal(api.seen.at(-1)!.headers['accept-encoding'], undefined);
    } finally {
      await client.close();
      await plain.close();
    }
  });

  test('the server path prefix is kept', async () => {
    await whoami(makeSpec(`${api.url}/prefix/here`, { tls: { caPem: pki.ca.certPem } }));
    assert.equal(api.seen.at(-1)!.path, '/prefix/here/whoami');
  });

  test('getClient shares one client per cacheKey', async () => {
    const spec = makeSpec(api.url, { tls: { caPem: pki.ca.certPem } });
    assert.equal(getClient(spec), getClient({ ...spec, namespace: 'other' }));
    assert.notEqual(getClient(spec), getClient({ ...spec, cacheKey: 'different' }));
  });
});

describe('proxies', () => {
  test('proxy-url of the cluster tunnels through CONNECT', async () => {
    const before = proxy.targets.length;
    const spec = makeSpec(`https://kdeck.test:${api.port}`, { tls: { caPem: pki.ca.certPem }, credential: { kind: 'token', token: 'tok-bob' }, proxyUrl: proxy.url });
    assert.equal((await whoami(spec)).user, 'bob');
    assert.deepEqual(proxy.targets.slice(before), [`kdeck.test:${api.port}`]);
  });

  test('HTTPS_PROXY is used, NO_PROXY and loopback bypass it', async () => {
    const spec = makeSpec(`https://kdeck.test:${api.port}`, { tls: { caPem: pki.ca.certPem } });
    const viaEnv = createClient(spec, { env: { HTTPS_PROXY: proxy.url } });
    const before = proxy.targets.length;
    try {
      assert.equal((await viaEnv.requestJson<{ user: string }>({ path: '/whoami' })).user, 'system:anonymous');
      assert.equal(proxy.targets.length, before + 1);
    } finally {
      await viaEnv.close();
    }
    assert.equal(createClient(spec, { env: { HTTPS_PROXY: proxy.url, NO_PROXY: '.test' } }).proxy, undefined);
    assert.equal(createClient(makeSpec(api.url), { env: { HTTPS_PROXY: proxy.url } }).proxy, undefined);
  });

  test('a dead proxy is reported as the proxy step', async () => {
    const port = await closedPort();
    const spec = makeSpec(`https://kdeck.test:${api.port}`, { tls: { caPem: pki.ca.certPem }, proxyUrl: `http://user:pw-secret@127.0.0.1:${port}` });
    const err = await whoami(spec).catch((e: unknown) => e);
    assert.ok(err instanceof ConnectionError, String(err));
    assert.equal(err.step, 'proxy');
    assert.doesNotMatch(err.message, /pw-secret/);
  });
});

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
