// What a resource can do, from discovery, RBAC (rules per namespace, access reviews cluster-wide, cached) and
// read-only mode, against the simulator's admin and its restricted user (jane: reads a few kinds in team-a).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Capabilities, permissionsFor, ruleGrants } from '../../src/api/capabilities.js';
import { ResourceCatalogue } from '../../src/api/catalogue.js';
import { readOnlyClient } from '../../src/transport/read-only.js';
import type { KubeClient, KubeRequest } from '../../src/transport/types.js';
import { deleteResource } from '../../src/actions/delete.js';
import { startWorld, type World } from '../actions/helpers/twin-worlds.js';

let world: World;
let catalogue: ResourceCatalogue;
before(async () => {
  world = await startWorld();
  catalogue = await ResourceCatalogue.discover(world.client());
});
after(() => world?.close());

const r = (name: string) => catalogue.resolve(name)!;
const sorted = (s: Set<string>) => [...s].sort();

function counting(client: KubeClient): KubeClient & { sent: KubeRequest[] } {
  const sent: KubeRequest[] = [];
  return { spec: client.spec, sent, request: (q) => (sent.push(q), client.request(q)), requestJson: (q) => (sent.push(q), client.requestJson(q)), stream: (q) => (sent.push(q), client.stream(q)), close: () => client.close() };
}

test('discovery decides which actions a kind has', () => {
  assert.deepEqual(permissionsFor(r('deploy'), 'scale'), [{ verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale' }]);
  assert.equal(permissionsFor(r('configmaps'), 'scale'), undefined);
  assert.equal(permissionsFor(r('ds'), 'scale'), undefined);
  assert.ok(permissionsFor(r('ds'), 'restart'));
  assert.equal(permissionsFor(r('configmaps'), 'kill'), undefined);
  assert.equal(permissionsFor(r('nodes'), 'drain')?.length, 3);
  assert.equal(permissionsFor(r('deploy'), 'cordon'), undefined);
  // Reviews are create-only: nothing to delete or edit.
  assert.equal(permissionsFor(r('selfsubjectaccessreviews'), 'delete'), undefined);
});

test('RBAC rules: verbs, groups, subresources, resource names', () => {
  const p = { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale' };
  assert.ok(ruleGrants({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, p));
  assert.ok(ruleGrants({ verbs: ['patch'], apiGroups: ['apps'], resources: ['deployments/scale'] }, p));
  assert.ok(ruleGrants({ verbs: ['patch'], apiGroups: ['apps'], resources: ['*/scale'] }, p));
  assert.ok(!ruleGrants({ verbs: ['patch'], apiGroups: ['apps'], resources: ['deployments'] }, p), 'the resource alone does not grant its subresource');
  assert.ok(!ruleGrants({ verbs: ['get'], apiGroups: ['apps'], resources: ['*'] }, p));
  assert.ok(!ruleGrants({ verbs: ['patch'], apiGroups: [''], resources: ['*'] }, p));
  const named = { verbs: ['patch'], apiGroups: ['apps'], resources: ['deployments/scale'], resourceNames: ['web'] };
  assert.ok(ruleGrants(named, p, 'web'));
  assert.ok(!ruleGrants(named, p, 'api'));
  assert.ok(!ruleGrants(named, p));
});

test('the admin may do everything; all namespaces are listable', async () => {
  const caps = new Capabilities(world.client());
  assert.deepEqual(sorted(await caps.actions(r('pods'), 'team-a')), ['attach', 'delete', 'edit', 'exec', 'kill', 'logs', 'port-forward']);
  assert.deepEqual(sorted(await caps.actions(r('deploy'), 'team-a')), ['delete', 'edit', 'port-forward', 'restart', 'scale']);
  assert.deepEqual(sorted(await caps.actions(r('svc'), 'team-a')), ['delete', 'edit', 'port-forward'], 'a service forwards to one of its pods');
  assert.deepEqual(sorted(await caps.actions(r('rs'), 'team-a')), ['delete', 'edit', 'rollback', 'scale']);
  assert.deepEqual(sorted(await caps.actions(r('cj'), 'team-a')), ['delete', 'edit', 'suspend', 'trigger']);
  assert.deepEqual(sorted(await caps.actions(r('nodes'))), ['cordon', 'delete', 'drain', 'edit']);
  assert.deepEqual(sorted(await caps.actions(r('pods'))), ['attach', 'delete', 'edit', 'exec', 'kill', 'logs', 'port-forward'], 'all namespaces: cluster-wide review');
  assert.equal(await caps.canListAllNamespaces(r('pods')), true);
});

test('the restricted user: only what its role grants; no all-namespaces; a forced attempt gets the 403 message', async () => {
  const client = counting(world.client('kdeck-sim-restricted'));
  const caps = new Capabilities(client);
  assert.deepEqual(sorted(await caps.actions(r('pods'), 'team-a')), ['logs']);
  assert.deepEqual(sorted(await caps.actions(r('deploy'), 'team-a')), []);
  assert.deepEqual(sorted(await caps.actions(r('svc'), 'team-a')), [], 'no pods/portforward: no Shift-F on services either');
  assert.deepEqual(sorted(await caps.actions(r('pods'), 'default')), []);
  assert.deepEqual(sorted(await caps.actions(r('nodes'))), []);
  assert.equal(await caps.canListAllNamespaces(r('pods')), false);
  // One rules review per namespace, reused for every action (and again within the cache time).
  const rulesReviews = () => client.sent.filter((q) => q.path.endsWith('/selfsubjectrulesreviews')).length;
  assert.equal(rulesReviews(), 2);
  await caps.actions(r('configmaps'), 'team-a');
  assert.equal(rulesReviews(), 2);

  const pod = world.sim.clusters[0].store.list('pods', 'team-a')[0]!.metadata.name;
  const forced = await deleteResource(client, { ref: r('pods'), namespace: 'team-a', name: pod });
  assert.deepEqual(forced, { ok: false, message: `pods "${pod}" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "team-a"` });
});

test('answers are cached for a few minutes per client, then asked again', async () => {
  let now = 1_000_000;
  const client = counting(world.client());
  const caps = new Capabilities(client, { now: () => now });
  await caps.actions(r('pods'), 'team-a');
  const first = client.sent.length;
  await caps.actions(r('pods'), 'team-a');
  assert.equal(client.sent.length, first);
  now += 3 * 60_000 + 1;
  await caps.actions(r('pods'), 'team-a');
  assert.ok(client.sent.length > first);
});

test('read-only keeps only the reading actions', async () => {
  const caps = new Capabilities(readOnlyClient(world.client(), '--readonly'));
  assert.equal(caps.writable, false);
  assert.deepEqual(sorted(await caps.actions(r('pods'), 'team-a')), ['logs']);
  assert.deepEqual(sorted(await caps.actions(r('nodes'))), []);
  assert.equal(await caps.canListAllNamespaces(r('pods')), true, 'listing is reading');
});
