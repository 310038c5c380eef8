// SelfSubjectReview by server minor (reviews.ts, resources.ts): 1.27 serves it as authentication.k8s.io/v1beta1,
// which kubectl 1.27's auth whoami asks for; 1.28 on serve v1 only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { call } from './http-helpers.js';
import { KubectlRunner, tempDir } from './kubectl-helpers.js';

describe('SelfSubjectReview versions', () => {
  let old: Simulator;
  let cur: Simulator;
  before(async () => {
    [old, cur] = await Promise.all([startSimulator({ kubernetesMinor: 27, controllers: false, pods: 10 }), startSimulator({ kubernetesMinor: 28, controllers: false, pods: 10 })]);
  });
  after(async () => {
    await Promise.all([old?.stop(), cur?.stop()]);
  });

  test('1.27: v1beta1 only, answered in its version; 1.28: v1 only', async () => {
    const post = (base: string, v: string) => call(`${base}/apis/authentication.k8s.io/${v}/selfsubjectreviews`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: `{"apiVersion":"authentication.k8s.io/${v}","kind":"SelfSubjectReview"}` });
    const beta = await post(old.clusters[0].url, 'v1beta1');
    assert.equal(beta.status, 201, beta.text);
    assert.equal(beta.json().apiVersion, 'authentication.k8s.io/v1beta1');
    assert.equal(beta.json().status.userInfo.username, 'system:admin');
    assert.equal((await post(old.clusters[0].url, 'v1')).status, 404);
    assert.equal((await post(cur.clusters[0].url, 'v1beta1')).status, 404);
    assert.equal((await post(cur.clusters[0].url, 'v1')).status, 201);
  });

  test('kubectl 1.27 auth whoami', async () => {
    const dir = tempDir('kdeck-whoami-');
    old.writeKubeconfig(join(dir, 'kubeconfig'));
    const k = new KubectlRunner(join(dir, 'kubeconfig'), dir);
    try {
      const r = await k.run(['auth', 'whoami']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Username\s+system:admin/);
    } finally {
      k.close();
    }
  });
});
