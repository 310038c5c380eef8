// The simulator's wire protocol, checked over real HTTP: lists and paging, watches and their edge cases, Tables,
// writes and their errors, deletes with grace, scale, logs and faults (apiserver-protocol.md §1–§9).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { TABLE_ACCEPT, WatchReader, call } from './http-helpers.js';

describe('simulator wire protocol (static cluster, server 1.32)', { concurrency: true }, () => {
  let sim: Simulator;
  let base: string;
  const store = () => sim.clusters[0].store;

  before(async () => {
    sim = await startSimulator({ controllers: false, pods: 60, seed: 3, kubernetesMinor: 32 });
    base = sim.clusters[0].url;
  });
  after(async () => {
    await sim?.stop();
  });

  test('/version needs no credentials and reports the minor; health endpoints answer ok', async () => {
    const v = await call(`${base}/version`);
    assert.equal(v.json().minor, '32');
    assert.match(v.json().gitVersion, /^v1\.32\./);
    for (const p of ['/healthz', '/readyz', '/livez']) assert.equal((await call(base + p)).text, 'ok');
  });

  test('unknown paths get the plain-text 404 page; a missing object a NotFound Status', async () => {
    const page = await call(`${base}/apis/nope.example.com/v1/things`);
    assert.equal(page.status, 404);
    assert.equal(page.text, '404 page not found\n');
    assert.match(String(page.headers['content-type']), /^text\/plain/);
    const missing = await call(`${base}/api/v1/namespaces/default/pods/nope`);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'pods "nope" not found', reason: 'NotFound', details: { name: 'nope', kind: 'pods' }, code: 404 });
    const dep = await call(`${base}/apis/apps/v1/namespaces/default/deployments/nope`);
    assert.equal(dep.json().message, 'deployments.apps "nope" not found');
  });

  test('list: one global resourceVersion, items without kind, paging with continue and remainingItemCount', async () => {
    // kube-system is left alone by the other (concurrent) tests of this suite.
    const rvBefore = (sim.clusters[0].store as unknown as { currentRv(): number }).currentRv();
    const all = (await call(`${base}/api/v1/namespaces/kube-system/pods`)).json();
    assert.equal(all.kind, 'PodList');
    assert.ok(Number(all.metadata.resourceVersion) >= rvBefore, 'the list RV is the current global revision');
    assert.equal(all.items[0].kind, undefined);
    assert.ok(all.items.length > 6);
    const seen: string[] = [];
    let token = '';
    let pages = 0;
    let firstRv = '';
    do {
      const page = (await call(`${base}/api/v1/namespaces/kube-system/pods?limit=3${token ? `&continue=${token}` : ''}`)).json();
      if (!firstRv) firstRv = page.metadata.resourceVersion;
      assert.equal(page.metadata.resourceVersion, firstRv, 'every page reports the snapshot RV');
      seen.push(...page.items.map((p: any) => `${p.metadata.namespace}/${p.metadata.name}`));
      if (page.metadata.continue) assert.equal(page.metadata.remainingItemCount, all.items.length - seen.length);
      token = page.metadata.continue ?? '';
      pages++;
    } while (token);
    assert.equal(pages, Math.ceil(all.items.length / 3));
    assert.deepEqual(seen, all.items.map((p: any) => `${p.metadata.namespace}/${p.metadata.name}`));
  });

  test('list: resourceVersion=0 ignores limit; bad options are 400/422 as the real server says', async () => {
    const cached = (await call(`${base}/api/v1/pods?limit=2&resourceVersion=0`)).json();
    assert.ok(cached.items.length > 2);
    assert.equal(cached.metadata.continue, undefined);
    const badToken = await call(`${base}/api/v1/pods?limit=2&continue=garbage`);
    assert.equal(badToken.status, 400);
    assert.match(badToken.json().message, /^invalid continue token/);
    const matchWithoutRv = await call(`${base}/api/v1/pods?resourceVersionMatch=NotOlderThan`);
    assert.equal(matchWithoutRv.status, 422);
    assert.equal(matchWithoutRv.json().details.kind, 'ListOptions');
    const field = await call(`${base}/api/v1/pods?fieldSelector=spec.foo%3Dbar`);
    assert.equal(field.status, 400);
    assert.equal(field.json().message, 'field label not supported: spec.foo');
  });

  test('list: selectors filter, and omit remainingItemCount', async () => {
    const r = (await call(`${base}/api/v1/pods?labelSelector=${encodeURIComponent('app in (web,api)')}&limit=3`)).json();
    assert.ok(r.items.every((p: any) => ['web', 'api'].includes(p.metadata.labels.app)));
    assert.equal(r.metadata.remainingItemCount, undefined);
    const running = (await call(`${base}/api/v1/pods?fieldSelector=status.phase%3DRunning`)).json();
    assert.ok(running.items.length > 0 && running.items.every((p: any) => p.status.phase === 'Running'));
  });

  test('an expired continue token gets 410 Expired with a fresh token', async () => {
    const local = await startSimulator({ controllers: false, pods: 20, seed: 5 });
    try {
      const url = local.clusters[0].url;
      const first = (await call(`${url}/api/v1/pods?limit=5`)).json();
      local.clusters[0].store.create('configmaps', { metadata: { name: 'bump', namespace: 'default' }, data: {} });
      local.clusters[0].faults.compact();
      const r = await call(`${url}/api/v1/pods?limit=5&continue=${first.metadata.continue}`);
      assert.equal(r.status, 410);
      assert.equal(r.json().reason, 'Expired');
      assert.match(r.json().message, /^The provided continue parameter is too old/);
      assert.ok(r.json().metadata.continue);
    } finally {
      await local.stop();
    }
  });

  test('Table lists: columns, PartialObjectMetadata rows, includeObject None/Object, 400 on a bad value', async () => {
    const t = (await call(`${base}/api/v1/namespaces/team-a/pods`, { headers: { Accept: TABLE_ACCEPT } })).json();
    assert.equal(t.kind, 'Table');
    assert.equal(t.apiVersion, 'meta.k8s.io/v1');
    assert.ok(t.metadata.resourceVersion);
    assert.deepEqual(t.columnDefinitions.map((c: any) => c.name), ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    assert.equal(t.rows[0].object.kind, 'PartialObjectMetadata');
    assert.equal(t.rows[0].object.metadata.namespace, 'team-a');
    const none = (await call(`${base}/api/v1/namespaces/team-a/pods?includeObject=None`, { headers: { Accept: TABLE_ACCEPT } })).json();
    assert.equal(none.rows[0].object, undefined);
    const full = (await call(`${base}/api/v1/namespaces/team-a/pods?includeObject=Object`, { headers: { Accept: TABLE_ACCEPT } })).json();
    assert.equal(full.rows[0].object.kind, 'Pod');
    assert.ok(full.rows[0].object.spec.containers);
    const bad = await call(`${base}/api/v1/namespaces/team-a/pods?includeObject=Everything`, { headers: { Accept: TABLE_ACCEPT } });
    assert.equal(bad.status, 400);
    assert.equal(bad.json().message, 'unrecognized includeObject value: "Everything"');
    const v2 = await call(`${base}/api/v1/namespaces/team-a/pods`, { headers: { Accept: 'application/json;as=Table;v=v2;g=meta.k8s.io' } });
    assert.equal(v2.status, 406);
  });

  test('metadata-only requests (as=PartialObjectMetadataList) get PartialObjectMetadata lists, objects and events', async () => {
    const accept = 'application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
    const list = (await call(`${base}/api/v1/namespaces/kube-system/pods?limit=2`, { headers: { Accept: accept } })).json();
    assert.equal(list.kind, 'PartialObjectMetadataList');
    assert.equal(list.items.length, 2);
    assert.deepEqual(Object.keys(list.items[0]), ['kind', 'apiVersion', 'metadata']);
    assert.ok(list.metadata.continue);
    const one = (await call(`${base}/api/v1/namespaces/kube-system/pods/${list.items[0].metadata.name}`, { headers: { Accept: accept.replace(/List/g, '') } })).json();
    assert.equal(one.kind, 'PartialObjectMetadata');
    const w = new WatchReader(`${base}/api/v1/namespaces/kube-system/pods?watch=true`, { Accept: accept.replace(/List/g, '') });
    try {
      const e = await w.next();
      assert.equal(e?.type, 'ADDED');
      assert.equal(e?.object.kind, 'PartialObjectMetadata');
      assert.equal(e?.object.spec, undefined);
    } finally {
      w.close();
    }
  });

  test('watch from an RV: MODIFIED and DELETED in order; a selector watch sees objects leave as DELETED', async () => {
    const list = (await call(`${base}/api/v1/namespaces/shop/configmaps`)).json();
    const w = new WatchReader(`${base}/api/v1/namespaces/shop/configmaps?watch=true&resourceVersion=${list.metadata.resourceVersion}`);
    const sel = new WatchReader(`${base}/api/v1/namespaces/shop/configmaps?watch=true&labelSelector=tier%3Dhot&resourceVersion=${list.metadata.resourceVersion}`);
    try {
      await Promise.all([w.ready, sel.ready]);
      const s = store();
      s.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w1', namespace: 'shop', labels: { tier: 'hot' } }, data: { a: '1' } });
      const cur = s.get('configmaps', 'shop', 'w1')!;
      s.update('configmaps', { ...cur, metadata: { ...cur.metadata, labels: { tier: 'cold' } } });
      s.remove('configmaps', 'shop', 'w1');
      const events = await w.until((e) => e.type === 'DELETED');
      assert.deepEqual(events.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED']);
      assert.equal(events[0].object.kind, 'ConfigMap');
      const rvs = events.map((e) => Number(e.object.metadata.resourceVersion));
      assert.ok(rvs[0] < rvs[1] && rvs[1] < rvs[2]);
      const selEvents = await sel.until((e) => e.type === 'DELETED');
      assert.deepEqual(selEvents.map((e) => e.type), ['ADDED', 'DELETED']);
    } finally {
      w.close();
      sel.close();
    }
  });

  test('watch from a compacted RV gets HTTP 200 and an ERROR event with 410, then the stream ends', async () => {
    const local = await startSimulator({ controllers: false, pods: 10, seed: 9, watchHistory: 5 });
    try {
      const url = local.clusters[0].url;
      const rv = (await call(`${url}/api/v1/pods`)).json().metadata.resourceVersion;
      for (let i = 0; i < 10; i++) local.clusters[0].store.create('configmaps', { metadata: { name: `c${i}`, namespace: 'default' }, data: {} });
      const w = new WatchReader(`${url}/api/v1/pods?watch=true&resourceVersion=${rv}`);
      const e = await w.next();
      assert.equal(w.status, 200);
      assert.equal(e?.type, 'ERROR');
      assert.equal(e?.object.code, 410);
      assert.equal(e?.object.reason, 'Expired');
      assert.match(e?.object.message, new RegExp(`^too old resource version: ${rv} \\(\\d+\\)$`));
      assert.equal(await w.ended, 'clean');
    } finally {
      await local.stop();
    }
  });

  test('an RV ahead of the server: 504 ResourceVersionTooLarge for a list, an ERROR event for a watch', async () => {
    const ahead = (sim.clusters[0].store as unknown as { currentRv(): number }).currentRv() + 1_000_000;
    const [list, w] = [call(`${base}/api/v1/nodes?resourceVersion=${ahead}`), new WatchReader(`${base}/api/v1/nodes?watch=true&resourceVersion=${ahead}`)];
    const l = await list;
    assert.equal(l.status, 504);
    assert.equal(l.json().details.causes[0].reason, 'ResourceVersionTooLarge');
    assert.equal(l.headers['retry-after'], '1');
    const e = await w.next();
    assert.equal(w.status, 200);
    assert.equal(e?.type, 'ERROR');
    assert.equal(e?.object.code, 504);
    assert.equal(await w.ended, 'clean');
  });

  test('watch timeoutSeconds ends cleanly, with a bookmark before the deadline when allowed', async () => {
    const rv = (await call(`${base}/api/v1/nodes`)).json().metadata.resourceVersion;
    const w = new WatchReader(`${base}/api/v1/nodes?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=3`);
    const e = await w.next();
    assert.equal(e?.type, 'BOOKMARK');
    assert.equal(e?.object.kind, 'Node');
    assert.ok(Number(e?.object.metadata.resourceVersion) >= Number(rv));
    assert.equal(await w.ended, 'clean');
  });

  test('streaming list (sendInitialEvents): ADDED for each object, then the initial-events-end bookmark', async () => {
    const ns = store().list('namespaces');
    const w = new WatchReader(`${base}/api/v1/namespaces?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&resourceVersion=`);
    try {
      const events = await w.until((e) => e.type === 'BOOKMARK');
      assert.equal(events.length, ns.length + 1);
      assert.ok(events.slice(0, -1).every((e) => e.type === 'ADDED'));
      assert.equal(events[events.length - 1].object.metadata.annotations['k8s.io/initial-events-end'], 'true');
    } finally {
      w.close();
    }
  });

  test('Table watch: one row per event, columnDefinitions only on the first', async () => {
    const t = (await call(`${base}/api/v1/namespaces/search/configmaps`, { headers: { Accept: TABLE_ACCEPT } })).json();
    const w = new WatchReader(`${base}/api/v1/namespaces/search/configmaps?watch=true&resourceVersion=${t.metadata.resourceVersion}`, { Accept: TABLE_ACCEPT });
    try {
      await w.ready;
      store().create('configmaps', { metadata: { name: 't1', namespace: 'search' }, data: { x: '1' } });
      store().create('configmaps', { metadata: { name: 't2', namespace: 'search' }, data: { x: '1', y: '2' } });
      const [a, b] = [await w.next(), await w.next()];
      assert.equal(a?.object.kind, 'Table');
      assert.deepEqual(a?.object.columnDefinitions.map((c: any) => c.name), ['Name', 'Data', 'Age']);
      assert.equal(b?.object.columnDefinitions, null);
      assert.deepEqual(b?.object.rows.map((r: any) => r.cells.slice(0, 2)), [['t2', 2]]);
    } finally {
      w.close();
    }
  });

  test('writes: create 201 / AlreadyExists 409, update with a stale RV 409 Conflict, patch types', async () => {
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: '1' } });
    const created = await call(`${base}/api/v1/namespaces/payments/configmaps`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    assert.equal(created.status, 201);
    const again = await call(`${base}/api/v1/namespaces/payments/configmaps`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    assert.equal(again.status, 409);
    assert.equal(again.json().message, 'configmaps "settings" already exists');
    const stale = { ...created.json(), data: { a: '2' } };
    const ok = await call(`${base}/api/v1/namespaces/payments/configmaps/settings`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(stale) });
    assert.equal(ok.status, 200);
    const conflict = await call(`${base}/api/v1/namespaces/payments/configmaps/settings`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(stale) });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.json().message, 'Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again');
    const merged = await call(`${base}/api/v1/namespaces/payments/configmaps/settings`, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: '{"data":{"b":"3"}}' });
    assert.deepEqual(merged.json().data, { a: '2', b: '3' });
    const jp = await call(`${base}/api/v1/namespaces/payments/configmaps/settings`, { method: 'PATCH', headers: { 'Content-Type': 'application/json-patch+json' }, body: '[{"op":"remove","path":"/data/a"}]' });
    assert.deepEqual(jp.json().data, { b: '3' });
    assert.ok(Number(jp.json().metadata.resourceVersion) > Number(merged.json().metadata.resourceVersion));
    const crd = await call(`${base}/apis/stable.example.com/v1/namespaces/team-a/crontabs/nightly-backup`, { method: 'PATCH', headers: { 'Content-Type': 'application/strategic-merge-patch+json' }, body: '{"spec":{"replicas":3}}' });
    assert.equal(crd.status, 415);
  });

  test('delete pod: MODIFIED with deletionTimestamp (Terminating), then DELETED; Status Success for other kinds', async () => {
    const pod = store().list('pods', 'analytics').find((p) => (p.status as any).phase === 'Running')!;
    const rv = (await call(`${base}/api/v1/namespaces/analytics/pods`)).json().metadata.resourceVersion;
    const w = new WatchReader(`${base}/api/v1/namespaces/analytics/pods?watch=true&resourceVersion=${rv}&fieldSelector=metadata.name%3D${pod.metadata.name}`);
    try {
      const del = await call(`${base}/api/v1/namespaces/analytics/pods/${pod.metadata.name}`, { method: 'DELETE', headers: { 'Content-Type': 'application/json' }, body: '{"propagationPolicy":"Background"}' });
      assert.equal(del.status, 200);
      assert.equal(del.json().kind, 'Pod');
      assert.ok(del.json().metadata.deletionTimestamp);
      assert.equal(del.json().metadata.deletionGracePeriodSeconds, 30);
      const events = await w.until((e) => e.type === 'DELETED');
      assert.deepEqual(events.map((e) => e.type), ['MODIFIED', 'DELETED']);
      const cm = await call(`${base}/api/v1/namespaces/analytics/configmaps/kube-root-ca.crt`, { method: 'DELETE' });
      assert.equal(cm.json().kind, 'Status');
      assert.equal(cm.json().status, 'Success');
      assert.equal(cm.json().details.kind, 'configmaps');
    } finally {
      w.close();
    }
  });

  test('deleting a deployment removes its replicasets and pods (background propagation)', async () => {
    const dep = store().get('deployments.apps', 'search', 'web') ?? store().list('deployments.apps', 'search')[0];
    const name = dep.metadata.name;
    const owned = store().list('replicasets.apps', 'search').filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === dep.metadata.uid));
    assert.ok(owned.length > 0);
    const r = await call(`${base}/apis/apps/v1/namespaces/search/deployments/${name}`, { method: 'DELETE', headers: { 'Content-Type': 'application/json' }, body: '{"propagationPolicy":"Background","gracePeriodSeconds":0}' });
    assert.equal(r.status, 200);
    for (const rs of owned) assert.equal(store().get('replicasets.apps', 'search', rs.metadata.name), undefined);
    const podsLeft = store().list('pods', 'search').filter((p) => owned.some((rs) => p.metadata.ownerReferences?.some((o) => o.uid === rs.metadata.uid)) && !p.metadata.deletionTimestamp);
    assert.equal(podsLeft.length, 0);
  });

  test('foreground deletion: the owner is marked (foregroundDeletion) and goes only after its dependents', async () => {
    const dep = store().list('deployments.apps', 'payments')[0];
    const rsNames = store().list('replicasets.apps', 'payments').filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === dep.metadata.uid)).map((rs) => rs.metadata.name);
    assert.ok(rsNames.length > 0);
    const rv = (await call(`${base}/apis/apps/v1/namespaces/payments/deployments`)).json().metadata.resourceVersion;
    const w = new WatchReader(`${base}/apis/apps/v1/namespaces/payments/deployments?watch=true&resourceVersion=${rv}&fieldSelector=metadata.name%3D${dep.metadata.name}`);
    try {
      const r = await call(`${base}/apis/apps/v1/namespaces/payments/deployments/${dep.metadata.name}`, { method: 'DELETE', headers: { 'Content-Type': 'application/json' }, body: '{"propagationPolicy":"Foreground"}' });
      assert.equal(r.status, 200);
      const events = await w.until((e) => e.type === 'DELETED');
      assert.equal(events[0].type, 'MODIFIED');
      assert.deepEqual(events[0].object.metadata.finalizers, ['foregroundDeletion']);
      assert.ok(events[0].object.metadata.deletionTimestamp);
      for (const n of rsNames) assert.equal(store().get('replicasets.apps', 'payments', n), undefined, `${n} went first`);
    } finally {
      w.close();
    }
  });

  test('scale subresource: GET, merge PATCH, PUT with a stale RV', async () => {
    const url = `${base}/apis/apps/v1/namespaces/team-a/deployments/web/scale`;
    const s = (await call(url)).json();
    assert.equal(s.kind, 'Scale');
    assert.equal(s.apiVersion, 'autoscaling/v1');
    assert.match(s.status.selector, /app=web/);
    const p = (await call(url, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: '{"spec":{"replicas":4}}' })).json();
    assert.equal(p.spec.replicas, 4);
    assert.equal((store().get('deployments.apps', 'team-a', 'web')!.spec as any).replicas, 4);
    const stale = await call(url, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...s, spec: { replicas: 1 } }) });
    assert.equal(stale.status, 409);
  });

  test('pods/log: tail, timestamps, and the real 400 messages', async () => {
    const pods = store().list('pods', 'team-a');
    const running = pods.find((p) => (p.status as any).phase === 'Running' && (p.spec as any).containers.length === 1)!;
    const c = (running.spec as any).containers[0].name;
    const tail = await call(`${base}/api/v1/namespaces/team-a/pods/${running.metadata.name}/log?container=${c}&tailLines=2&timestamps=true`);
    assert.equal(tail.status, 200);
    const lines = tail.text.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
    const wrong = await call(`${base}/api/v1/namespaces/team-a/pods/${running.metadata.name}/log?container=nope`);
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json().message, `container nope is not valid for pod ${running.metadata.name}`);
    const prev = await call(`${base}/api/v1/namespaces/team-a/pods/${running.metadata.name}/log?container=${c}&previous=true`);
    if (prev.status === 400) assert.equal(prev.json().message, `previous terminated container "${c}" in pod "${running.metadata.name}" not found`);
    const multi = store().list('pods').find((p) => (p.spec as any).containers.length > 1);
    if (multi) {
      const r = await call(`${base}/api/v1/namespaces/${multi.metadata.namespace}/pods/${multi.metadata.name}/log`);
      assert.equal(r.status, 400);
      assert.match(r.json().message, new RegExp(`^a container name must be specified for pod ${multi.metadata.name}, choose one of: \\[`));
    }
  });

  test('a CRD created through the API is served at once (discovery, objects, Table columns); deleting it removes them', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.demo.kdeck.io' },
      spec: {
        group: 'demo.kdeck.io', scope: 'Namespaced', names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'] },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } }, additionalPrinterColumns: [{ name: 'Size', type: 'integer', jsonPath: '.spec.size' }] }],
      },
    };
    const json = { 'Content-Type': 'application/json' };
    assert.equal((await call(`${base}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, { method: 'POST', headers: json, body: JSON.stringify(crd) })).status, 201);
    const groups = (await call(`${base}/apis`)).json();
    assert.ok(groups.groups.some((g: any) => g.name === 'demo.kdeck.io'));
    const w = { apiVersion: 'demo.kdeck.io/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 3 } };
    assert.equal((await call(`${base}/apis/demo.kdeck.io/v1/namespaces/team-a/widgets`, { method: 'POST', headers: json, body: JSON.stringify(w) })).status, 201);
    const list = (await call(`${base}/apis/demo.kdeck.io/v1/namespaces/team-a/widgets`)).json();
    assert.equal(list.kind, 'WidgetList');
    assert.equal(list.items[0].kind, 'Widget', 'custom resource items keep kind');
    const t = (await call(`${base}/apis/demo.kdeck.io/v1/namespaces/team-a/widgets`, { headers: { Accept: TABLE_ACCEPT } })).json();
    assert.deepEqual(t.columnDefinitions.map((c: any) => c.name), ['Name', 'Size']);
    assert.deepEqual(t.rows[0].cells, ['w1', 3]);
    assert.equal((await call(`${base}/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.demo.kdeck.io`, { method: 'DELETE' })).status, 200);
    assert.equal(store().list('widgets.demo.kdeck.io').length, 0);
    assert.equal((await call(`${base}/apis/demo.kdeck.io/v1/namespaces/team-a/widgets`)).status, 404);
  });

  test('discovery: aggregated v2 only when asked, legacy otherwise', async () => {
    const agg = await call(`${base}/apis`, { headers: { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' } });
    assert.equal(agg.headers['content-type'], 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    assert.equal(agg.json().kind, 'APIGroupDiscoveryList');
    const legacy = await call(`${base}/apis`);
    assert.equal(legacy.json().kind, 'APIGroupList');
    const v1 = (await call(`${base}/api/v1`)).json();
    assert.ok(v1.resources.some((r: any) => r.name === 'pods/log'));
  });
});

describe('simulator faults', () => {
  let sim: Simulator;
  let base: string;
  before(async () => {
    sim = await startSimulator({ controllers: false, pods: 10, seed: 11 });
    base = sim.clusters[0].url;
  });
  after(async () => {
    await sim?.stop();
  });

  test('error rate 1 answers every request (but /version) with the chosen status', async () => {
    const f = sim.clusters[0].faults;
    f.setErrorRate({ rate: 1, status: 429, retryAfterSeconds: 2 });
    const r = await call(`${base}/api/v1/pods`);
    assert.equal(r.status, 429);
    assert.equal(r.headers['retry-after'], '2');
    assert.equal(r.text, 'Too many requests, please try again later.\n');
    assert.equal((await call(`${base}/version`)).status, 200);
    f.setErrorRate({ rate: 1, status: 503 });
    const u = await call(`${base}/api/v1/pods`);
    assert.equal(u.status, 503);
    assert.equal(u.json().reason, 'ServiceUnavailable');
    f.clear();
    assert.equal((await call(`${base}/api/v1/pods`)).status, 200);
  });

  test('dropWatches cuts open watches mid-stream; restart comes back on the same port with the same state', async () => {
    const f = sim.clusters[0].faults;
    const w = new WatchReader(`${base}/api/v1/pods?watch=true`);
    await w.next();
    f.dropWatches();
    assert.equal(await w.ended, 'aborted');
    const before = (await call(`${base}/api/v1/pods`)).json();
    await f.restart(200);
    assert.equal(sim.clusters[0].url, base);
    const afterRestart = (await call(`${base}/api/v1/pods`)).json();
    assert.equal(afterRestart.metadata.resourceVersion, before.metadata.resourceVersion);
    assert.equal(afterRestart.items.length, before.items.length);
  });
});
