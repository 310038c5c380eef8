// The eviction subresource and PodDisruptionBudgets: status computed as the disruption controller does, 429 when
// an eviction would break a budget, and real `kubectl drain` (cordon, evictions, retries, timeout) against it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { KubectlRunner, tempDir } from './kubectl-helpers.js';
import { call } from './http-helpers.js';

const NODE = 'kdeck-sim-worker';

describe('evictions and disruption budgets', () => {
  let sim: Simulator;
  let k: KubectlRunner;
  const store = () => sim.clusters[0].store;
  const pods = (ns: string, prefix: string) => store().list('pods', ns).filter((p) => p.metadata.name.startsWith(prefix) && !p.metadata.deletionTimestamp);
  const evict = (ns: string, name: string, body: object = {}) => call(`${sim.clusters[0].url}/api/v1/namespaces/${ns}/pods/${name}/eviction`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns }, ...body }),
  });
  const pdbStatus = async (ns: string, name: string) => {
    const r = await k.run(['-n', ns, 'get', 'pdb', name, '-o', 'jsonpath={.status.currentHealthy} {.status.desiredHealthy} {.status.expectedPods} {.status.disruptionsAllowed}']);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  };

  before(async () => {
    sim = await startSimulator({ tls: false, controllers: false, pods: 60, seed: 7 });
    const dir = tempDir('kdeck-evict-');
    sim.writeKubeconfig(join(dir, 'kubeconfig'));
    k = new KubectlRunner(join(dir, 'kubeconfig'), dir);
  });
  after(async () => {
    k?.close();
    await sim?.stop();
  });

  test('a budget gets its status; an eviction that would break it is a 429 naming the budget; one that fits goes', async () => {
    const web = pods('team-a', 'web-');
    assert.equal(web.length, 3);
    let r = await k.run(['-n', 'team-a', 'create', 'pdb', 'web-pdb', '--selector=app=web', '--max-unavailable=1']);
    assert.equal(r.code, 0, r.stderr);
    // currentHealthy desiredHealthy expectedPods disruptionsAllowed
    assert.equal(await pdbStatus('team-a', 'web-pdb'), '3 2 3 1');
    r = await k.run(['-n', 'team-a', 'get', 'pdb']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE\nweb-pdb\s+N\/A\s+1\s+1\s+\d+s\n$/);

    let reply = await evict('team-a', web[0].metadata.name);
    assert.equal(reply.status, 201, reply.text);
    assert.deepEqual(reply.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    assert.ok(store().get('pods', 'team-a', web[0].metadata.name)?.metadata.deletionTimestamp, 'the evicted pod is terminating');

    reply = await evict('team-a', web[1].metadata.name);
    assert.equal(reply.status, 429, reply.text);
    const status = reply.json();
    assert.equal(status.reason, 'TooManyRequests');
    assert.equal(status.message, "Cannot evict pod as it would violate the pod's disruption budget.");
    assert.deepEqual(status.details.causes, [{ reason: 'DisruptionBudget', message: 'The disruption budget web-pdb needs 2 healthy pods and has 2 currently' }]);
    assert.ok(!store().get('pods', 'team-a', web[1].metadata.name)?.metadata.deletionTimestamp, 'the refused pod stays');
    assert.equal(await pdbStatus('team-a', 'web-pdb'), '2 2 3 0');

    // Completed pods and unknown pods.
    reply = await evict('team-a', 'no-such-pod');
    assert.equal(reply.status, 404);
    assert.equal(reply.json().message, 'pods "no-such-pod" not found');
    reply = await evict('team-a', web[1].metadata.name, { metadata: { name: 'other' } });
    assert.equal(reply.status, 400);
    // A second budget over the same pods: the eviction subresource refuses to choose.
    r = await k.run(['-n', 'team-a', 'create', 'pdb', 'web-pdb-2', '--selector=app=web', '--min-available=0']);
    assert.equal(r.code, 0, r.stderr);
    reply = await evict('team-a', web[1].metadata.name);
    assert.equal(reply.status, 500);
    assert.equal(reply.json().message, 'Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    assert.equal((await k.run(['-n', 'team-a', 'delete', 'pdb', 'web-pdb-2'])).code, 0);
  });

  test('kubectl drain: cordons, evicts, retries on the budget until its timeout, then drains once the budget allows', async () => {
    await k.run(['-n', 'shop', 'create', 'pdb', 'shop-web', '--selector=app=web', '--min-available=100%']);
    const blocked = pods('shop', 'web-').filter((p) => (p.spec as { nodeName?: string }).nodeName === NODE).map((p) => p.metadata.name);
    assert.ok(blocked.length > 0);
    let r = await k.run(['drain', NODE, '--ignore-daemonsets', '--delete-emptydir-data', '--force', '--timeout=6s']);
    assert.notEqual(r.code, 0, r.stdout);
    assert.match(r.stderr + r.stdout, /error when evicting pods\/"web-[a-z0-9-]+" -n "shop" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\./);
    assert.match(r.stderr + r.stdout, /global timeout reached: 6s/);
    assert.equal((store().get('nodes', undefined, NODE)?.spec as { unschedulable?: boolean }).unschedulable, true, 'drain cordoned the node');
    // Everything but the budget's pods and the daemonset's left the node.
    const left = () => store().list('pods').filter((p) => (p.spec as { nodeName?: string }).nodeName === NODE && !p.metadata.deletionTimestamp);
    assert.deepEqual(left().filter((p) => !p.metadata.name.startsWith('kube-proxy-')).map((p) => p.metadata.name).sort(), blocked.sort());

    r = await k.run(['-n', 'shop', 'delete', 'pdb', 'shop-web']);
    assert.equal(r.code, 0, r.stderr);
    r = await k.run(['drain', NODE, '--ignore-daemonsets', '--delete-emptydir-data', '--force', '--timeout=30s']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`node/${NODE} drained`));
    assert.deepEqual(left().map((p) => p.metadata.name).filter((n) => !n.startsWith('kube-proxy-')), []);
    r = await k.run(['uncordon', NODE]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((store().get('nodes', undefined, NODE)?.spec as { unschedulable?: boolean }).unschedulable, undefined);
  });
});
