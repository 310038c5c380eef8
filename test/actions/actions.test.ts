// Each action against the simulator. Where kubectl has the same command, kdeck acts on one simulator and kubectl
// on its twin (same seed, same objects), and the two servers must then store the same object.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResourceRef } from '../../src/api/catalogue.js';
import { deleteResource, killPod } from '../../src/actions/delete.js';
import { restart, rollback, scale, RESTARTED_AT, parseReplicas } from '../../src/actions/workloads.js';
import { setSuspended, trigger } from '../../src/actions/cronjobs.js';
import { drain, setCordoned } from '../../src/actions/nodes.js';
import { CANCELLED, editObject, fileEditor } from '../../src/actions/edit.js';
import type { KubeClient } from '../../src/transport/types.js';
import { comparable, startWorld, type World } from './helpers/twin-worlds.js';
import type { MemoryStore } from '../../src/simulator/store.js';
import type { SimObject } from '../../src/simulator/types.js';

const ref = (group: string, resource: string, kind: string, namespaced = true, extra: Partial<ResourceRef> = {}): ResourceRef => ({
  group, version: 'v1', resource, kind, singular: kind.toLowerCase(), namespaced, shortNames: [], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], categories: [], ...extra,
});
const PODS = ref('', 'pods', 'Pod', true, { subresources: ['log', 'exec', 'portforward', 'eviction'] });
const DEPLOY = ref('apps', 'deployments', 'Deployment', true, { subresources: ['scale', 'status'] });
const RS = ref('apps', 'replicasets', 'ReplicaSet', true, { subresources: ['scale', 'status'] });
const STS = ref('apps', 'statefulsets', 'StatefulSet', true, { subresources: ['scale', 'status'] });
const CJ = ref('batch', 'cronjobs', 'CronJob');
const NS = 'team-a';

describe('actions against the simulator, compared with kubectl', { concurrency: false }, () => {
  let ours: World; // kdeck acts here
  let theirs: World; // kubectl acts here
  let client: KubeClient;
  const kubectl = async (...args: string[]) => {
    const r = await theirs.kubectl.run(args);
    assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const podOf = (w: World, prefix: string) => w.sim.clusters[0].store.list('pods', NS).find((p) => p.metadata.name.startsWith(prefix) && !p.metadata.deletionTimestamp)!;

  before(async () => {
    [ours, theirs] = await Promise.all([startWorld(), startWorld()]);
    client = ours.client();
  });
  after(async () => {
    await Promise.all([ours?.close(), theirs?.close()]);
  });

  test('the twins start equal', () => {
    assert.deepEqual(comparable(ours.get('deployments.apps', NS, 'web')), comparable(theirs.get('deployments.apps', NS, 'web')));
  });

  test('scale: the scale subresource, as kubectl scale', async () => {
    assert.deepEqual(await scale(client, { ref: DEPLOY, namespace: NS, name: 'web' }, 5), { ok: true, message: 'scaled deployment team-a/web to 5' });
    await kubectl('-n', NS, 'scale', 'deployment/web', '--replicas=5');
    assert.equal((ours.get('deployments.apps', NS, 'web')!.spec as { replicas: number }).replicas, 5);
    assert.deepEqual(comparable(ours.get('deployments.apps', NS, 'web')), comparable(theirs.get('deployments.apps', NS, 'web')));
    await scale(client, { ref: STS, namespace: NS, name: 'redis' }, 2);
    await kubectl('-n', NS, 'scale', 'statefulset/redis', '--replicas=2');
    assert.deepEqual(comparable(ours.get('statefulsets.apps', NS, 'redis')), comparable(theirs.get('statefulsets.apps', NS, 'redis')));
    // Half-typed values are not numbers; the server's own refusal comes back as it said it.
    for (const bad of ['', '3x', '-1', '1.5', ' ']) assert.equal(parseReplicas(bad), undefined, bad);
    assert.equal(parseReplicas(' 7 '), 7);
    const missing = await scale(client, { ref: DEPLOY, namespace: NS, name: 'nope' }, 1);
    assert.deepEqual(missing, { ok: false, message: 'deployments.apps "nope" not found' });
  });

  test('rollout restart: the restartedAt annotation kubectl sets', async () => {
    const r = await restart(client, { ref: DEPLOY, namespace: NS, name: 'api' });
    assert.deepEqual(r, { ok: true, message: 'restarted deployment team-a/api' });
    await kubectl('-n', NS, 'rollout', 'restart', 'deployment/api');
    const stamp = (w: World) => (w.get('deployments.apps', NS, 'api')!.spec as any).template.metadata.annotations[RESTARTED_AT] as string;
    assert.match(stamp(ours), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(stamp(theirs), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
    const drop = [['spec', 'template', 'metadata', 'annotations', RESTARTED_AT]];
    assert.deepEqual(comparable(ours.get('deployments.apps', NS, 'api'), drop), comparable(theirs.get('deployments.apps', NS, 'api'), drop));
  });

  test('rollback a replica set: its deployment gets the template back, as kubectl rollout undo --to-revision', async () => {
    for (const w of [ours, theirs]) {
      const r = await w.kubectl.run(['-n', NS, 'set', 'image', 'deployment/worker', 'worker=ghcr.io/acme/worker:v9']);
      assert.equal(r.code, 0, r.stderr);
    }
    const rs = { ref: RS, namespace: NS, name: 'worker-8p5zzn9v94' };
    assert.deepEqual(await rollback(client, rs), { ok: true, message: 'rolled back deployment team-a/worker to revision 1 (worker-8p5zzn9v94)' });
    await kubectl('-n', NS, 'rollout', 'undo', 'deployment/worker', '--to-revision=1');
    const image = (w: World) => (w.get('deployments.apps', NS, 'worker')!.spec as any).template.spec.containers[0].image;
    assert.equal(image(ours), 'ghcr.io/acme/worker:v2.14.1');
    // kubectl's Go struct writes creationTimestamp: null into the template; that is the only difference allowed.
    const drop = [['spec', 'template', 'metadata', 'creationTimestamp']];
    assert.deepEqual(comparable(ours.get('deployments.apps', NS, 'worker'), drop), comparable(theirs.get('deployments.apps', NS, 'worker'), drop));
    assert.match((await rollback(client, rs)).message, /^skipped rollback of deployment team-a\/worker \(current template already matches revision 1\)$/);
  });

  test('cron jobs: trigger makes the job kubectl create job --from=cronjob makes; suspend and resume', async () => {
    const r = await trigger(client, { ref: CJ, namespace: NS, name: 'report' }, 'report-manual-abcde');
    assert.deepEqual(r, { ok: true, message: 'triggered cronjob team-a/report: job report-manual-abcde created' });
    await kubectl('-n', NS, 'create', 'job', 'report-manual-abcde', '--from=cronjob/report');
    const drop = [['metadata', 'uid'], ['metadata', 'creationTimestamp']];
    assert.deepEqual(comparable(ours.get('jobs.batch', NS, 'report-manual-abcde'), drop), comparable(theirs.get('jobs.batch', NS, 'report-manual-abcde'), drop));
    assert.equal(ours.get('jobs.batch', NS, 'report-manual-abcde')!.metadata.annotations!['cronjob.kubernetes.io/instantiate'], 'manual');

    assert.deepEqual(await setSuspended(client, { ref: CJ, namespace: NS, name: 'report' }, true), { ok: true, message: 'suspended cronjob team-a/report' });
    assert.equal((ours.get('cronjobs.batch', NS, 'report')!.spec as any).suspend, true);
    assert.deepEqual(await setSuspended(client, { ref: CJ, namespace: NS, name: 'report' }, false), { ok: true, message: 'resumed cronjob team-a/report' });
    assert.equal((ours.get('cronjobs.batch', NS, 'report')!.spec as any).suspend, false);
  });

  test('delete: grace period, orphan propagation, Terminating said so; kill removes a pod at once', async () => {
    const pod = podOf(ours, 'web-').metadata.name;
    assert.equal(podOf(theirs, 'web-').metadata.name, pod);
    const t = { ref: PODS, namespace: NS, name: pod };
    // The simulator ends a grace period early (1.5 s): compare what each DELETE stored, as it was stored.
    const marked = (w: World) => new Promise<SimObject>((resolve) => {
      const stop = (w.sim.clusters[0].store as MemoryStore).subscribe((e) => {
        if (e.resource === 'pods' && e.object.metadata.name === pod && e.object.metadata.deletionTimestamp) {
          stop();
          resolve(structuredClone(e.object));
        }
      });
    });
    const [oursMarked, theirsMarked] = [marked(ours), marked(theirs)];
    assert.deepEqual(await deleteResource(client, t, { gracePeriodSeconds: 30 }), { ok: true, message: `deleting pod team-a/${pod} (terminating)` });
    // Asked again while it terminates: said so.
    assert.deepEqual(await deleteResource(client, t, {}, true), { ok: true, message: `pod team-a/${pod} is already terminating; asked again` });
    await kubectl('-n', NS, 'delete', 'pod', pod, '--grace-period=30', '--wait=false');
    const drop = [['metadata', 'deletionTimestamp']];
    assert.equal((await oursMarked).metadata.deletionGracePeriodSeconds, 30);
    assert.deepEqual(comparable(await oursMarked, drop), comparable(await theirsMarked, drop));

    const victim = podOf(ours, 'api-').metadata.name;
    assert.deepEqual(await killPod(client, { ref: PODS, namespace: NS, name: victim }), { ok: true, message: `killed pod team-a/${victim}` });
    await kubectl('-n', NS, 'delete', 'pod', victim, '--grace-period=0', '--force');
    assert.equal(ours.get('pods', NS, victim), undefined);
    assert.equal(theirs.get('pods', NS, victim), undefined);

    assert.deepEqual(await deleteResource(client, { ref: DEPLOY, namespace: NS, name: 'web' }, { propagation: 'Orphan' }), { ok: true, message: 'deleted deployment team-a/web' });
    await kubectl('-n', NS, 'delete', 'deployment', 'web', '--cascade=orphan');
    assert.equal(ours.get('deployments.apps', NS, 'web'), undefined);
    assert.ok(ours.get('replicasets.apps', NS, 'web-bh6rrfv9qp'), 'orphaned replica set stays');
    assert.deepEqual(comparable(ours.get('replicasets.apps', NS, 'web-bh6rrfv9qp')), comparable(theirs.get('replicasets.apps', NS, 'web-bh6rrfv9qp')));

    assert.deepEqual(await deleteResource(client, { ref: DEPLOY, namespace: NS, name: 'web' }), { ok: false, message: 'deployments.apps "web" not found' });
  });

  test('edit: an update with the resourceVersion, as kubectl edit with the same editor; unchanged sends nothing', async () => {
    const dir = ours.kubectl.dir;
    const script = join(dir, 'edit.sh');
    writeFileSync(script, '#!/bin/sh\nsed -i "s/image: redis:7.2.5-alpine/image: redis:7.4.0/" "$1"\n');
    chmodSync(script, 0o755);
    const t = { ref: STS, namespace: NS, name: 'redis' };
    assert.deepEqual(await editObject(client, t, fileEditor({ EDITOR: script })), { ok: true, message: 'edited statefulset team-a/redis' });
    // kubectl runs with this process's environment: give it the same editor.
    const saved = process.env.KUBE_EDITOR;
    process.env.KUBE_EDITOR = script;
    try {
      const r = await theirs.kubectl.run(['-n', NS, 'edit', 'statefulset/redis'], 60_000);
      assert.equal(r.code, 0, r.stderr);
    } finally {
      if (saved === undefined) delete process.env.KUBE_EDITOR;
      else process.env.KUBE_EDITOR = saved;
    }
    assert.equal((ours.get('statefulsets.apps', NS, 'redis')!.spec as any).template.spec.containers[0].image, 'redis:7.4.0');
    assert.deepEqual(comparable(ours.get('statefulsets.apps', NS, 'redis')), comparable(theirs.get('statefulsets.apps', NS, 'redis')));

    const rv = ours.get('statefulsets.apps', NS, 'redis')!.metadata.resourceVersion;
    assert.deepEqual(await editObject(client, t, async (text) => text), { ok: true, message: CANCELLED });
    assert.deepEqual(await editObject(client, t, async () => '# only comments\n'), { ok: true, message: CANCELLED });
    assert.equal(ours.get('statefulsets.apps', NS, 'redis')!.metadata.resourceVersion, rv, 'nothing was sent');
  });

  test('edit: a conflict or bad YAML reopens the editor with the error on top', async () => {
    const t = { ref: STS, namespace: NS, name: 'redis' };
    const files: string[] = [];
    const store = ours.sim.clusters[0].store;
    const result = await editObject(client, t, async (text) => {
      files.push(text);
      if (files.length === 1) {
        // Someone else changes the object while the editor is open.
        const cur = store.get('statefulsets.apps', NS, 'redis')!;
        store.update('statefulsets.apps', { ...cur, metadata: { ...cur.metadata, labels: { ...cur.metadata.labels, touched: 'yes' } } });
        return text.replace('replicas: 2', 'replicas: 3');
      }
      if (files.length === 2) return 'spec: [unclosed\n';
      if (files.length === 3) return files[0]!.replace('  replicas: 2', '  replicas: 2\n  bogus: 1');
      // Last round: the change again, on the latest version.
      const fresh = store.get('statefulsets.apps', NS, 'redis')!;
      return files[0]!.replace('replicas: 2', 'replicas: 3').replace(/resourceVersion: "\d+"/, `resourceVersion: "${fresh.metadata.resourceVersion}"`);
    });
    assert.equal(files.length, 4);
    assert.match(files[1]!, /^# Please edit the object below[\s\S]*^# error: Operation cannot be fulfilled on statefulsets\.apps "redis": the object has been modified; please apply your changes to the latest version and try again$/m);
    assert.match(files[2]!, /^# error: the edited file is not valid YAML/m);
    assert.match(files[3]!, /^# error: StatefulSet in version "v1" cannot be handled as a StatefulSet: strict decoding error: unknown field "spec\.bogus"$/m);
    assert.deepEqual(result, { ok: true, message: 'edited statefulset team-a/redis' });
    assert.equal((store.get('statefulsets.apps', NS, 'redis')!.spec as any).replicas, 3);
  });

  test('cordon and uncordon, as kubectl cordon/uncordon', async () => {
    const node = 'kdeck-sim-worker2';
    // Heartbeats are stamped when each twin started.
    const drop = [['status', 'conditions']];
    assert.deepEqual(await setCordoned(client, node, true), { ok: true, message: `node ${node} cordoned` });
    await kubectl('cordon', node);
    assert.deepEqual(comparable(ours.get('nodes', undefined, node), drop), comparable(theirs.get('nodes', undefined, node), drop));
    assert.deepEqual(await setCordoned(client, node, true), { ok: true, message: `node ${node} already cordoned` });
    assert.deepEqual(await setCordoned(client, node, false), { ok: true, message: `node ${node} uncordoned` });
    await kubectl('uncordon', node);
    assert.deepEqual(comparable(ours.get('nodes', undefined, node), drop), comparable(theirs.get('nodes', undefined, node), drop));
  });

  test('drain: the same pods leave as with kubectl drain; a budget answers 429 per pod', async () => {
    const node = 'kdeck-sim-worker';
    const onNode = (w: World) => w.sim.clusters[0].store.list('pods').filter((p) => (p.spec as any).nodeName === node && !p.metadata.deletionTimestamp).map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort();
    // Without --ignore-daemonsets both refuse and evict nothing.
    const refused = await drain(client, node, { ignoreDaemonSets: false, deleteEmptyDirData: true, force: true, timeoutMs: 20_000 });
    assert.equal(refused.ok, false);
    assert.match(refused.message, /^node kdeck-sim-worker cordoned, not drained: cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/kube-proxy-/);
    await setCordoned(client, node, false);

    await ours.kubectl.run(['-n', 'shop', 'create', 'pdb', 'shop-web', '--selector=app=web', '--min-available=100%']);
    const lines: string[] = [];
    const blocked = await drain(client, node, { ignoreDaemonSets: true, deleteEmptyDirData: true, force: true, timeoutMs: 8000, retryMs: 500 }, (l) => lines.push(l));
    assert.equal(blocked.ok, false);
    const shop = blocked.pods.filter((p) => p.namespace === 'shop' && p.name.startsWith('web-'));
    assert.ok(shop.length > 0);
    for (const p of shop) {
      assert.equal(p.outcome, 'refused');
      assert.match(p.message, /^Cannot evict pod as it would violate the pod's disruption budget\. The disruption budget shop-web needs \d+ healthy pods and has \d+ currently$/);
    }
    assert.ok(lines.some((l) => /retrying in 1s/.test(l) || /retrying in 0s/.test(l)), lines.join('\n'));
    assert.match(blocked.message, /^node kdeck-sim-worker not drained: \d+ evicted, \d+ not: shop\/web-/);
    await ours.kubectl.run(['-n', 'shop', 'delete', 'pdb', 'shop-web']);

    const ok = await drain(client, node, { ignoreDaemonSets: true, deleteEmptyDirData: true, force: true, timeoutMs: 30_000, retryMs: 500 });
    assert.equal(ok.ok, true, ok.message);
    assert.match(ok.message, /^node kdeck-sim-worker drained \(\d+ pods? evicted\)$/);
    const r = await theirs.kubectl.run(['drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--force', '--timeout=60s']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(onNode(ours), onNode(theirs));
    assert.ok(onNode(ours).every((p) => p.startsWith('kube-system/kube-proxy-')), onNode(ours).join(','));
    // Our node was cordoned twice (the refused drain first), so its generation is ahead.
    const drop = [['status', 'conditions'], ['metadata', 'generation']];
    assert.deepEqual(comparable(ours.get('nodes', undefined, node), drop), comparable(theirs.get('nodes', undefined, node), drop));
  });
});
