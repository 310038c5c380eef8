// The metrics columns in the pods and nodes views: figures from the metrics snapshot, "-" for a pod without
// metrics, and a missing API said once in the title while the columns stay.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { App } from '../../components/App.js';
import { FakeBackend, row } from '../ui-state/helpers/fakes.js';
import type { NodeMetricsSnapshot, PodMetricsSnapshot } from '../../src/metrics/source.js';
import { NOT_SERVED } from '../../src/metrics/source.js';
import { LARGE_VIEW_ROWS } from '../../src/ui-state/metrics-hooks.js';

const CONTEXTS = [{ name: 'one', cluster: 'c1', user: 'admin', namespace: 'default', current: true }];
const mounted: { unmount(): void }[] = [];
after(() => mounted.forEach((m) => m.unmount()));

async function until(frame: () => string | undefined, pred: (f: string) => boolean, what: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const f = frame() ?? '';
    if (pred(f)) return f;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`${what} never appeared; last frame:\n${frame()}`);
}

function backend(pods: PodMetricsSnapshot, nodes?: NodeMetricsSnapshot) {
  const b = new FakeBackend(CONTEXTS, (k) => ({ rows: k.resource.resource === 'pods' ? [row('web-1'), row('web-2'), row('batch', { status: 'Pending', ready: '0/1' })] : [] }));
  const subscribed: string[] = [];
  Object.assign(b, {
    metrics: () => ({
      pods: (ns: string | undefined, l: (s: PodMetricsSnapshot) => void) => {
        subscribed.push(`pods ${ns ?? '(all)'}`);
        l(pods);
        return () => {};
      },
      nodes: (l: (s: NodeMetricsSnapshot) => void) => {
        if (nodes) l(nodes);
        return () => {};
      },
    }),
  });
  return { b, subscribed };
}

test('pods: CPU, MEM and the four percentages, over 100 as it is', async () => {
  const snap: PodMetricsSnapshot = {
    state: { status: 'ok', at: 0 },
    // web-1: 150m of a 100m request (150%), 200m limit (75%); 64Mi of 128Mi (50%), no memory limit
    usage: new Map([['default/web-1', { cpu: 0.15, memory: 64 * 1024 ** 2 }], ['default/web-2', { cpu: 0.01, memory: 32 * 1024 ** 2 }]]),
    resources: new Map([['uid-web-1', { cpuRequest: 0.1, cpuLimit: 0.2, memRequest: 128 * 1024 ** 2 }], ['uid-web-2', {}]]),
  };
  const { b, subscribed } = backend(snap);
  const r = render(<App backend={b} context="one" namespace="default" startResource="pods" version="0" width={120} height={12} noColor onQuit={() => {}} />);
  mounted.push(r);
  const f = await until(r.lastFrame, (f) => f.includes('web-1') && f.includes('150m'), 'metrics');
  const lines = f.split('\n');
  const header = lines.find((l) => l.includes('NAME'))!;
  assert.match(header, /RESTARTS\s+CPU\s+MEM\s+%CPU\/R\s+%CPU\/L\s+%MEM\/R\s+%MEM\/L\s+AGE/);
  assert.match(lines.find((l) => l.includes('web-1'))!, /150m\s+64Mi\s+150\s+75\s+50\s+n\/a/);
  assert.match(lines.find((l) => l.includes('web-2'))!, /10m\s+32Mi\s+n\/a\s+n\/a\s+n\/a\s+n\/a/);
  assert.match(lines.find((l) => l.includes('batch'))!, /Pending\s+0\s+-\s+-\s+-\s+-\s+-\s+-/);
  assert.ok(!/(^|\s)CPU\/R/.test(header), 'requests and limits only in wide');
  assert.deepEqual(subscribed, ['pods default'], 'only the visible namespace');
  r.stdin.write('\x17'); // Ctrl-W
  const wide = await until(r.lastFrame, (f) => /\sCPU\/R/.test(f), 'wide');
  assert.match(wide.split('\n').find((l) => l.includes('web-1'))!, /100m\s+200m\s+128Mi\s+n\/a/);
  r.unmount();
});

test('pods: metrics API not served: the columns stay and the title says why once', async () => {
  const { b } = backend({ state: { status: 'unavailable', reason: NOT_SERVED }, usage: new Map(), resources: new Map() });
  const r = render(<App backend={b} context="one" namespace="default" startResource="pods" version="0" width={120} height={12} noColor onQuit={() => {}} />);
  mounted.push(r);
  const f = await until(r.lastFrame, (f) => f.includes('web-1') && f.includes('not served'), 'note');
  assert.equal(f.split('not served').length - 1, 1, 'said once');
  assert.match(f, /pods\(default\)\[3\] · metrics n\/a: metrics API not served/);
  assert.match(f.split('\n').find((l) => l.includes('web-1'))!, /Running\s+0\s+n\/a\s+n\/a\s+n\/a/);
  r.unmount();
});

test('pods in all namespaces, more rows than LARGE_VIEW_ROWS: metrics for the namespaces on screen only, subscribed as soon as they are painted', async () => {
  const many = Array.from({ length: LARGE_VIEW_ROWS + 1000 }, (_, i) => row(`pod-${String(i).padStart(5, '0')}`, { namespace: `ns-${String(Math.floor(i / 100)).padStart(3, '0')}` }));
  const b = new FakeBackend(CONTEXTS, (k) => ({ rows: k.resource.resource === 'pods' ? many : [] }));
  const subscribed: string[] = [];
  const snap: PodMetricsSnapshot = { state: { status: 'ok', at: 0 }, usage: new Map([['ns-000/pod-00000', { cpu: 0.25, memory: 1024 ** 2 }]]), resources: new Map() };
  Object.assign(b, {
    metrics: () => ({
      pods: (ns: string | undefined, l: (s: PodMetricsSnapshot) => void) => {
        subscribed.push(`pods ${ns ?? '(all)'}`);
        l(snap);
        return () => {};
      },
      nodes: () => () => {},
    }),
  });
  const r = render(<App backend={b} startResource="pods" context="one" version="0" width={140} height={12} noColor clockMs={3_600_000} onQuit={() => {}} />);
  mounted.push(r);
  const f = await until(r.lastFrame, (x) => x.includes('pod-00000') && x.includes('250m'), 'metrics of the first row');
  assert.match(f, /pods\(all\)\[6000\]/);
  assert.deepEqual(subscribed, ['pods ns-000'], 'the one namespace on screen, never the whole cluster');
  // The clock never ticks here (clockMs): the namespaces of the frame a key painted subscribe without another render.
  r.stdin.write('G');
  await until(() => subscribed.join(' '), (x) => x.includes('pods ns-059'), 'the last namespace subscribed after G');
  assert.ok(r.lastFrame()!.includes('pod-05999'));
  r.unmount();
});
