// Authentication over TLS: anonymous (only /version and health; 403 from the rule table elsewhere), client certificates (CN, O), bearer tokens with
// expiry (401 afterwards), certificates from another CA (401); the kubeconfig carries the CA and credentials.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { parse } from 'yaml';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { createCertificateAuthority, issueCertificate } from '../../src/simulator/certs.js';

interface Reply {
  status: number;
  body: any;
}

function get(url: string, opts: { ca: string; token?: string; cert?: { certPem: string; keyPem: string } }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      ca: opts.ca,
      ...(opts.cert ? { cert: opts.cert.certPem, key: opts.cert.keyPem } : {}),
      headers: opts.token ? { Authorization: `Bearer ${opts.token}` } : {},
    }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.startsWith('{') ? JSON.parse(text) : text }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('simulator authentication over TLS', { concurrency: true }, () => {
  let sim: Simulator;
  let base: string;
  let ca: string;
  before(async () => {
    sim = await startSimulator({ tls: true, controllers: false, pods: 10, seed: 2 });
    base = sim.clusters[0].url;
    ca = sim.caPem!;
  });
  after(async () => {
    await sim?.stop();
  });

  test('no credentials: system:anonymous, limited to /version and health as in a real cluster', async () => {
    assert.equal((await get(`${base}/version`, { ca })).status, 200);
    for (const p of ['/healthz', '/readyz', '/livez']) assert.equal((await get(base + p, { ca })).status, 200, p);
    for (const p of ['/api', '/apis', '/openapi/v3', '/openapi/v2']) {
      const denied = await get(base + p, { ca });
      assert.equal(denied.status, 403, p);
      assert.equal(denied.body.message, `forbidden: User "system:anonymous" cannot get path "${p}"`);
    }
    const r = await get(`${base}/api/v1/namespaces/default/pods`, { ca });
    assert.equal(r.status, 403);
    assert.equal(r.body.message, 'pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "default"');
  });

  test('client certificate: CN is the user, O the groups', async () => {
    const cert = sim.issueClientCertificate('erin', ['viewer', 'qa']);
    const ok = await get(`${base}/api/v1/namespaces/default/pods`, { ca, cert });
    assert.equal(ok.status, 200);
    const who = await new Promise<Reply>((resolve, reject) => {
      const req = request(`${base}/apis/authentication.k8s.io/v1/selfsubjectreviews`, { method: 'POST', ca, cert: cert.certPem, key: cert.keyPem, headers: { 'Content-Type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.end('{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}');
    });
    assert.equal(who.status, 201);
    assert.equal(who.body.status.userInfo.username, 'erin');
    assert.deepEqual(who.body.status.userInfo.groups, ['viewer', 'qa', 'system:authenticated']);
  });

  test('a certificate from another CA is 401, not anonymous', async () => {
    const other = createCertificateAuthority('someone-else');
    const cert = issueCertificate(other, { commonName: 'mallory', organizations: ['system:masters'], usage: 'client' });
    const r = await get(`${base}/api/v1/namespaces/default/pods`, { ca, cert });
    assert.equal(r.status, 401);
    assert.equal(r.body.message, 'Unauthorized');
  });

  test('tokens: valid, unknown, expired by TTL, expired on demand', async () => {
    const token = sim.issueToken('frank', ['viewer']);
    assert.equal((await get(`${base}/api/v1/nodes`, { ca, token })).status, 200);
    assert.equal((await get(`${base}/api/v1/nodes`, { ca, token: 'not-a-token' })).status, 401);
    const short = sim.issueToken('gina', ['viewer'], { ttlSeconds: 0 });
    assert.equal((await get(`${base}/api/v1/nodes`, { ca, token: short })).status, 401);
    sim.clusters[0].faults.expireToken(token);
    const r = await get(`${base}/api/v1/nodes`, { ca, token });
    assert.equal(r.status, 401);
    assert.deepEqual(r.body, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
  });

  test('the kubeconfig embeds the CA and the credentials, and names the restricted context', () => {
    const kc = parse(sim.kubeconfig);
    assert.equal(Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64').toString(), ca);
    assert.ok(kc.users[0].user['client-certificate-data']);
    assert.ok(kc.users[0].user['client-key-data']);
    const restricted = kc.contexts.find((c: any) => c.name === `${sim.clusters[0].contextName}-restricted`);
    assert.equal(restricted.context.namespace, 'team-a');
    assert.ok(kc.users.find((u: any) => u.name === restricted.context.user).user.token);
  });
});
