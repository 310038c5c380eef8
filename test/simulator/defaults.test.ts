// What the API server fills in on create (defaults.ts), over real HTTP: services, secrets, deployments, and the
// default service account and root CA bundle of a new namespace.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { call } from './http-helpers.js';

describe('create defaults', { concurrency: true }, () => {
  let sim: Simulator;
  let base: string;
  const post = (path: string, body: object) => call(base + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  before(async () => {
    sim = await startSimulator({ controllers: false, pods: 20, seed: 5 });
    base = sim.clusters[0].url;
  });
  after(async () => {
    await sim?.stop();
  });

  test('a service gets type ClusterIP, a free cluster IP and port defaults; NodePort a node port', async () => {
    const r = await post('/api/v1/namespaces/default/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'plain' }, spec: { selector: { app: 'x' }, ports: [{ port: 80 }] } });
    assert.equal(r.status, 201, r.text);
    const spec = r.json().spec;
    assert.equal(spec.type, 'ClusterIP');
    assert.match(spec.clusterIP, /^10\.96\.\d+\.\d+$/);
    assert.deepEqual(spec.clusterIPs, [spec.clusterIP]);
    const taken = sim.clusters[0].store.list('services').filter((s) => (s.spec as { clusterIP: string }).clusterIP === spec.clusterIP);
    assert.equal(taken.length, 1, 'the address is not shared');
    assert.deepEqual(spec.ports, [{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    assert.equal(spec.sessionAffinity, 'None');
    assert.deepEqual(spec.ipFamilies, ['IPv4']);
    assert.equal(spec.ipFamilyPolicy, 'SingleStack');
    const np = await post('/api/v1/namespaces/default/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'np' }, spec: { type: 'NodePort', ports: [{ port: 443, targetPort: 8443 }] } });
    const port = np.json().spec.ports[0];
    assert.ok(port.nodePort >= 30000 && port.nodePort <= 32767, JSON.stringify(port));
    assert.equal(np.json().spec.externalTrafficPolicy, 'Cluster');
  });

  test('a secret without a type is Opaque', async () => {
    const r = await post('/api/v1/namespaces/default/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'Yg==' } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json().type, 'Opaque');
    assert.equal(sim.clusters[0].store.get('secrets', 'default', 's')!.type, 'Opaque');
  });

  test('a deployment gets the RollingUpdate strategy and its limits', async () => {
    const r = await post('/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
      spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    assert.equal(r.status, 201, r.text);
    const spec = r.json().spec;
    assert.equal(spec.replicas, 1);
    assert.deepEqual(spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    assert.equal(spec.revisionHistoryLimit, 10);
    assert.equal(spec.progressDeadlineSeconds, 600);
  });

  test('a new namespace has the default service account and kube-root-ca.crt', async () => {
    const r = await post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fresh' } });
    assert.equal(r.status, 201, r.text);
    const sa = await call(`${base}/api/v1/namespaces/fresh/serviceaccounts/default`);
    assert.equal(sa.status, 200, sa.text);
    const cm = await call(`${base}/api/v1/namespaces/fresh/configmaps/kube-root-ca.crt`);
    assert.equal(cm.status, 200, cm.text);
    assert.match(cm.json().data['ca.crt'], /^-----BEGIN CERTIFICATE-----/);
  });
});
