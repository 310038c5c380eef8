import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { columnsFor, humanDuration, printRow, printTable } from '../../../src/simulator/printers/index.js';
import { makeCronTab, makeCronTabCrd, podFromTemplate, podStatus, appTemplate, APPS, RES, seedCluster } from '../../../src/simulator/objects/index.js';
import { MemoryStore } from '../../../src/simulator/store.js';
import type { SimObject } from '../../../src/simulator/types.js';

const FIXTURES = '/work/shared/fixtures/table';
const fixture = (name: string) => JSON.parse(readFileSync(`${FIXTURES}/${name}`, 'utf8'));

/** Fixture descriptions are truncated with " ..."; ours must start with the same text. */
function assertSameColumns(actual: { name: string; type: string; format: string; priority: number; description: string }[], expected: typeof actual): void {
  assert.deepEqual(
    actual.map(({ name, type, format, priority }) => ({ name, type, format, priority })),
    expected.map(({ name, type, format, priority }) => ({ name, type, format, priority })),
  );
  expected.forEach((col, i) => {
    const prefix = col.description.replace(/ ?\.\.\.$/, '').replace(/,$/, '');
    assert.ok(actual[i].description.startsWith(prefix), `description of ${col.name}: ${actual[i].description}`);
  });
}

function pod(status: Record<string, unknown>, extra: { spec?: Record<string, unknown>; metadata?: Partial<SimObject['metadata']> } = {}): SimObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'demo', creationTimestamp: '2025-03-01T10:00:00Z', ...extra.metadata },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...extra.spec },
    status,
  };
}
const NOW = Date.parse('2025-03-01T10:58:00Z');
const cs = (state: Record<string, unknown>, more: Record<string, unknown> = {}) => ({ name: 'app', ready: false, restartCount: 0, state, ...more });
const reason = (p: SimObject) => printRow('pods', p, { now: NOW }).cells[2];

describe('Table printers', () => {
  test('pods: columns and rows match the fixture table', () => {
    const want = fixture('pods-table.json');
    const running = pod(
      { phase: 'Running', podIP: '10.244.1.7', podIPs: [{ ip: '10.244.1.7' }], conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [cs({ running: { startedAt: '2025-03-01T10:00:05Z' } }, { ready: true })] },
      { metadata: { name: 'web-7d4b9-000001' }, spec: { nodeName: 'node-1' } },
    );
    const completed = pod(
      {
        phase: 'Succeeded',
        podIPs: [{ ip: '10.244.2.9' }],
        containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } }, { restartCount: 2, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2025-03-01T10:18:00Z' } } })],
      },
      { metadata: { name: 'job-x-4k2lp' }, spec: { nodeName: 'node-2' } },
    );
    const table = printTable('pods', [running, completed], { now: NOW });
    assertSameColumns(table.columnDefinitions, want.columnDefinitions);
    assert.deepEqual(table.rows[0].cells, want.rows[0].cells);
    assert.equal(table.rows[0].conditions, undefined);
    assert.deepEqual(table.rows[1].cells, want.rows[1].cells);
    assert.deepEqual(table.rows[1].conditions, want.rows[1].conditions);
  });

  test('pods: a ContainerCreating pod made by the factories prints like the watch fixture', () => {
    const lines = readFileSync(`${FIXTURES}/pods-table-watch.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const created = Date.parse('2025-03-01T10:00:00Z');
    const template = appTemplate('web', APPS.web, { app: 'web' });
    const p = podFromTemplate({ namespace: 'demo', name: 'web-7d4b9-000003', uid: 'u3', createdAt: created, template });
    (p.spec as Record<string, unknown>).nodeName = 'node-1';
    p.status = podStatus(p, 'ContainerCreating', { nodeName: 'node-1', hostIP: '10.0.0.11', podIP: '10.244.1.8' }, { at: created });
    assert.deepEqual(printRow('pods', p, { now: created }).cells, lines[0].object.rows[0].cells);
    p.status = podStatus(p, 'Running', { nodeName: 'node-1', hostIP: '10.0.0.11', podIP: '10.244.1.8' }, { at: created + 4000 });
    assert.deepEqual(printRow('pods', p, { now: created + 4000 }).cells, lines[1].object.rows[0].cells);
    assertSameColumns(columnsFor('pods'), lines[0].object.columnDefinitions);
  });

  test('custom resources: additionalPrinterColumns as in the CRD fixture, priority-1 column kept', () => {
    const want = fixture('crd-table.json');
    const crd = makeCronTabCrd(Date.parse('2025-01-01T00:00:00Z'));
    const ct = makeCronTab('default', 'my-new-cron-object', Date.parse('2025-03-01T11:59:53Z'), '* * * * */5', 'my-awesome-cron-image', 1);
    const table = printTable(RES.crontabs, [ct], { crd, now: Date.parse('2025-03-01T12:00:00Z') });
    const withoutWide = table.columnDefinitions.filter((c) => c.priority === 0);
    assertSameColumns(withoutWide, want.columnDefinitions);
    const image = table.columnDefinitions.findIndex((c) => c.name === 'Image');
    assert.equal(table.columnDefinitions[image].priority, 1);
    const cells = table.rows[0].cells.filter((_, i) => i !== image);
    assert.deepEqual(cells, want.rows[0].cells);
    assert.equal(table.rows[0].cells[image], 'my-awesome-cron-image');
  });

  test('custom resources without printer columns get Name and Age (date)', () => {
    const crd = makeCronTabCrd(0);
    (crd.spec as { versions: Record<string, unknown>[] }).versions[0].additionalPrinterColumns = [];
    const t = printTable(RES.crontabs, [makeCronTab('a', 'x', NOW - 3 * 3600_000, '*', 'i', 1)], { crd, now: NOW });
    assert.deepEqual(t.columnDefinitions.map((c) => [c.name, c.type]), [['Name', 'string'], ['Age', 'date']]);
    assert.deepEqual(t.rows[0].cells, ['x', '3h']);
  });

  test('pod status strings follow printPod for each case', () => {
    assert.equal(reason(pod({ phase: 'Pending' })), 'Pending');
    assert.equal(reason(pod({ phase: 'Running', containerStatuses: [cs({ running: {} }, { ready: true })] })), 'Running');
    assert.equal(reason(pod({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ContainerCreating' } })] })), 'ContainerCreating');
    assert.equal(reason(pod({ phase: 'Running', containerStatuses: [cs({ waiting: { reason: 'CrashLoopBackOff' } })] })), 'CrashLoopBackOff');
    assert.equal(reason(pod({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ImagePullBackOff' } })] })), 'ImagePullBackOff');
    assert.equal(reason(pod({ phase: 'Succeeded', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] })), 'Completed');
    assert.equal(reason(pod({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 1, reason: 'Error' } })] })), 'Error');
    assert.equal(reason(pod({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 137, reason: 'OOMKilled' } })] })), 'OOMKilled');
    assert.equal(reason(pod({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 2 } })] })), 'ExitCode:2');
    assert.equal(reason(pod({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 0, signal: 15 } })] })), 'Signal:15');
    assert.equal(reason(pod({ phase: 'Failed', reason: 'Evicted' })), 'Evicted');
    // Scheduling gates.
    assert.equal(reason(pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] })), 'SchedulingGated');
    // Deletion.
    const deleting = { metadata: { deletionTimestamp: '2025-03-01T10:57:00Z' } };
    assert.equal(reason(pod({ phase: 'Running', containerStatuses: [cs({ running: {} }, { ready: true })] }, deleting)), 'Terminating');
    assert.equal(reason(pod({ phase: 'Succeeded', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] }, deleting)), 'Completed');
    assert.equal(reason(pod({ phase: 'Running', reason: 'NodeLost' }, deleting)), 'Unknown');
    // Two containers: one completed while another still runs.
    const two = { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } };
    const mixed = [cs({ terminated: { exitCode: 0, reason: 'Completed' } }, { name: 'a' }), cs({ running: {} }, { name: 'b', ready: true })];
    assert.equal(reason(pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: mixed }, two)), 'Running');
    assert.equal(reason(pod({ phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: mixed }, two)), 'NotReady');
  });

  test('init containers: Init:N/M, Init:<reason>, Init:ExitCode, Init:Signal, sidecars count as ready', () => {
    const inits = { spec: { containers: [{ name: 'app', image: 'x' }], initContainers: [{ name: 'i1', image: 'x' }, { name: 'i2', image: 'x' }] } };
    const done = cs({ terminated: { exitCode: 0, reason: 'Completed' } }, { name: 'i1' });
    assert.equal(reason(pod({ phase: 'Pending', initContainerStatuses: [done, cs({ running: {} }, { name: 'i2' })] }, inits)), 'Init:1/2');
    assert.equal(reason(pod({ phase: 'Pending', initContainerStatuses: [cs({ waiting: { reason: 'PodInitializing' } }, { name: 'i1' })] }, inits)), 'Init:0/2');
    assert.equal(reason(pod({ phase: 'Pending', initContainerStatuses: [cs({ waiting: { reason: 'CrashLoopBackOff' } }, { name: 'i1' })] }, inits)), 'Init:CrashLoopBackOff');
    assert.equal(reason(pod({ phase: 'Pending', initContainerStatuses: [cs({ terminated: { exitCode: 1, reason: 'Error' } }, { name: 'i1' })] }, inits)), 'Init:Error');
    assert.equal(reason(pod({ phase: 'Pending', initContainerStatuses: [cs({ terminated: { exitCode: 3 } }, { name: 'i1' })] }, inits)), 'Init:ExitCode:3');
    assert.equal(reason(pod({ phase: 'Pending', initContainerStatuses: [cs({ terminated: { exitCode: 1, signal: 9 } }, { name: 'i1' })] }, inits)), 'Init:Signal:9');
    const sidecar = { spec: { containers: [{ name: 'app', image: 'x' }], initContainers: [{ name: 'proxy', image: 'x', restartPolicy: 'Always' }] } };
    const row = printRow(
      'pods',
      pod(
        {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }],
          initContainerStatuses: [cs({ running: {} }, { name: 'proxy', ready: true, started: true, restartCount: 1, lastState: { terminated: { finishedAt: '2025-03-01T10:56:00Z' } } })],
          containerStatuses: [cs({ running: {} }, { ready: true })],
        },
        sidecar,
      ),
      { now: NOW },
    );
    assert.deepEqual(row.cells.slice(1, 4), ['2/2', 'Running', '1 (2m ago)']);
  });

  test('restarts print with the time since the last restart', () => {
    const p = pod({ phase: 'Running', containerStatuses: [cs({ waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 5, lastState: { terminated: { exitCode: 1, finishedAt: '2025-03-01T10:56:00Z' } } })] });
    assert.equal(printRow('pods', p, { now: NOW }).cells[3], '5 (2m ago)');
    assert.equal(printRow('pods', pod({ phase: 'Running', containerStatuses: [cs({ running: {} }, { restartCount: 3 })] }), { now: NOW }).cells[3], '3');
  });

  test('human durations as the API server prints them', () => {
    const s = 1000;
    const m = 60 * s;
    const h = 60 * m;
    const d = 24 * h;
    const cases: [number, string][] = [
      [-5 * s, '<invalid>'], [-500, '0s'], [0, '0s'], [7 * s, '7s'], [119 * s, '119s'], [2 * m, '2m'], [5 * m + 2 * s, '5m2s'],
      [10 * m + 30 * s, '10m'], [179 * m, '179m'], [3 * h, '3h'], [3 * h + 5 * m, '3h5m'], [8 * h + 59 * m, '8h'], [47 * h, '47h'],
      [2 * d, '2d'], [2 * d + 5 * h, '2d5h'], [8 * d, '8d'], [729 * d, '729d'], [730 * d, '2y'], [3 * 365 * d + 10 * d, '3y10d'], [9 * 365 * d, '9y'],
    ];
    for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `${ms}ms`);
  });

  test('every seeded resource prints one cell per column; kinds without a printer get Name, Created At', () => {
    const store = new MemoryStore();
    const now = Date.now();
    seedCluster(store, { name: 'print', pods: 150, namespaces: 4, seed: 11 }, { now });
    const crd = store.list(RES.crds)[0];
    for (const resource of store.resources()) {
      const objects = store.list(resource);
      const table = printTable(resource, objects, { now, crd: resource === RES.crontabs ? crd : undefined });
      assert.ok(table.rows.length > 0, resource);
      for (const row of table.rows) assert.equal(row.cells.length, table.columnDefinitions.length, `${resource}: ${JSON.stringify(row.cells)}`);
    }
    const crdTable = printTable(RES.crds, [crd], { now });
    assert.deepEqual(crdTable.columnDefinitions.map((c) => [c.name, c.type]), [['Name', 'string'], ['Created At', 'date']]);
    assert.deepEqual(crdTable.rows[0].cells, ['crontabs.stable.example.com', crd.metadata.creationTimestamp]);
    assert.deepEqual(printTable('leases.coordination.k8s.io', [], {}).columnDefinitions.map((c) => c.name), ['Name', 'Created At']);
  });

  test('workload, service, node, event, volume rows', () => {
    const store = new MemoryStore();
    const now = Date.now();
    seedCluster(store, { name: 'rows', pods: 80, namespaces: 3, seed: 5 }, { now });
    const web = store.get(RES.deployments, 'team-a', 'web')!;
    const dep = printRow(RES.deployments, web, { now }).cells;
    assert.equal(dep[0], 'web');
    assert.match(String(dep[1]), /^\d+\/3$/);
    assert.equal(typeof dep[2], 'number');
    assert.equal(dep[5], 'web');
    assert.equal(dep[6], 'nginx:1.27.3');
    assert.equal(dep[7], 'app=web');
    const svc = printRow(RES.services, store.get(RES.services, 'default', 'kubernetes')!, { now }).cells;
    assert.deepEqual([svc[0], svc[1], svc[2], svc[3], svc[4], svc[6]], ['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '<none>']);
    const dns = printRow(RES.services, store.get(RES.services, 'kube-system', 'kube-dns')!, { now }).cells;
    assert.equal(dns[4], '53/UDP,53/TCP,9153/TCP');
    const nodes = printTable(RES.nodes, store.list(RES.nodes), { now }).rows.map((r) => r.cells);
    assert.deepEqual(nodes[0].slice(0, 3), ['rows-control-plane', 'Ready', 'control-plane']);
    assert.deepEqual(nodes[1].slice(1, 3), ['Ready', '<none>']);
    assert.equal(nodes[1][4], 'v1.32.4');
    const ep = printRow(RES.endpoints, store.get(RES.endpoints, 'default', 'kubernetes')!, { now }).cells;
    assert.match(String(ep[1]), /^10\.0\.0\.10:6443$/);
    const events = printTable(RES.events, store.list(RES.events), { now });
    assert.deepEqual(events.columnDefinitions.map((c) => c.name), ['Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name']);
    assert.ok(events.rows.some((r) => r.cells[2] === 'BackOff' && String(r.cells[3]).startsWith('pod/')));
    const pvc = printTable(RES.persistentvolumeclaims, store.list(RES.persistentvolumeclaims), { now }).rows.map((r) => r.cells);
    assert.ok(pvc.some((c) => c[1] === 'Bound' && String(c[2]).startsWith('pvc-') && c[4] === 'RWO' && c[5] === 'gp3' && c[6] === '<unset>' && c[8] === 'Filesystem'));
    const jobs = printTable(RES.jobs, store.list(RES.jobs), { now }).rows.map((r) => r.cells);
    assert.ok(jobs.some((c) => c[1] === 'Complete' && c[2] === '1/1'));
    const cj = printTable(RES.cronjobs, store.list(RES.cronjobs), { now }).rows.map((r) => r.cells);
    assert.ok(cj.every((c) => c[2] === '<none>' && c[3] === 'False' && typeof c[4] === 'number'));
    const ing = printTable(RES.ingresses, store.list(RES.ingresses), { now }).rows.map((r) => r.cells);
    assert.ok(ing.some((c) => c[1] === 'nginx' && c[4] === '80, 443'));
  });
});
