// The action keys: one letter per kind (s = scale on workloads, suspend on cron jobs; r = restart, drain on
// nodes), shown only where the capability layer offers the action, still handled when forced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Key } from 'ink';
import { bindingFor, helpFor, hintsFor, type KeyContext } from '../../../src/ui-state/keys.js';
import { genericResourceView, nodesView, podsView, workloadsView } from '../../../src/ui-state/views/index.js';
import { resourceView } from '../../../src/ui-state/views.js';
import type { ResourceRef } from '../../../src/api/catalogue.js';
import type { ViewModule } from '../../../src/ui-state/views/types.js';
import { key } from '../helpers/fakes.js';

const ref = (group: string, resource: string, kind: string, subresources: string[] = [], namespaced = true): ResourceRef => ({
  group, version: 'v1', resource, kind, singular: kind.toLowerCase(), namespaced, shortNames: [], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], categories: [], subresources,
});
const ctx = (r: ResourceRef, can: (a: string) => boolean = () => true): KeyContext => ({ view: resourceView(r.resource, 'default'), ref: r, readOnly: false, can });
const act = (m: ViewModule, c: KeyContext, input: string, k: Partial<Key> = {}) => bindingFor(m, c, input, key(k))?.action;

test('each letter means the action that applies to the kind', () => {
  const deploy = ref('apps', 'deployments', 'Deployment', ['scale']);
  const cj = ref('batch', 'cronjobs', 'CronJob');
  const node = ref('', 'nodes', 'Node', [], false);
  const pods = ref('', 'pods', 'Pod', ['log', 'exec']);
  assert.equal(act(workloadsView, ctx(deploy), 's'), 'act:scale');
  assert.equal(act(workloadsView, ctx(deploy), 'r'), 'act:restart');
  assert.equal(act(genericResourceView, ctx(cj), 's'), 'act:suspend');
  assert.equal(act(genericResourceView, ctx(cj), 't'), 'act:trigger');
  assert.equal(act(nodesView, ctx(node), 'r'), 'act:drain');
  assert.equal(act(nodesView, ctx(node), 'c'), 'act:cordon');
  assert.equal(act(nodesView, ctx(node), 'u'), 'act:uncordon');
  assert.equal(act(podsView, ctx(pods), 'k', { ctrl: true }), 'act:kill');
  assert.equal(act(podsView, ctx(pods), 's'), 'stream:shell', 'pods do not scale: on a pod, s is the shell (as in k9s)');
  assert.equal(act(podsView, ctx(pods), ' '), 'mark');
  assert.equal(act(podsView, ctx(pods), '\x1c'), 'clearMarks');
  assert.equal(act(podsView, ctx(pods), ' ', { ctrl: true }), 'markRange');
});

test('a disallowed action leaves help and hints but a forced key still reaches its handler', () => {
  const pods = ref('', 'pods', 'Pod', ['log']);
  const denied = ctx(pods, (a) => a !== 'delete');
  assert.ok(helpFor(podsView, ctx(pods)).some((h) => h.label === 'Ctrl-D'));
  assert.ok(!helpFor(podsView, denied).some((h) => h.label === 'Ctrl-D'));
  assert.match(hintsFor(podsView, ctx(pods)), /<Ctrl-D>delete/);
  assert.doesNotMatch(hintsFor(podsView, denied), /Ctrl-D/);
  assert.equal(act(podsView, denied, 'd', { ctrl: true }), 'act:delete');
  // A kind the action does not apply to: neither shown nor handled.
  assert.equal(act(podsView, denied, 'l', { ctrl: true }), undefined);
  // 0 follows whether all namespaces may be listed.
  assert.ok(!helpFor(podsView, { ...ctx(pods), allNamespaces: false }).some((h) => h.label === '0'));
  assert.ok(helpFor(podsView, ctx(pods)).some((h) => h.label === '0'));
});
