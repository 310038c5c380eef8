// Issue 8's flip bug: right after `:ctx other` Enter the screen must already be the new context's (loading),
// never the new context's name over the old context's rows, and a slow or unreachable context must not leave
// the old screen up while its connection is checked.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { App } from '../../components/App.js';
import { tick, until } from './helpers/frames.js';
import { FakeBackend, row } from '../ui-state/helpers/fakes.js';
import { MetricsSource } from '../../src/metrics/source.js';
import { LARGE_VIEW_ROWS } from '../../src/ui-state/metrics-hooks.js';
import type { KubeClient } from '../../src/transport/types.js';
import type { Row } from '../../src/ui-state/engine-types.js';

const CONTEXTS = [
  { name: 'one', cluster: 'c1', user: 'admin', namespace: 'default', current: true },
  { name: 'two', cluster: 'c2', user: 'bob', namespace: 'team-a', current: false },
  { name: 'down', cluster: 'c3', user: 'admin', current: false },
];

const mounted: { unmount(): void }[] = [];
after(() => mounted.forEach((m) => m.unmount()));


function gate() {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
}

function setup() {
  // Every context's pods carry its name, so a frame showing one context's rows under another's name is visible.
  const backend = new FakeBackend(CONTEXTS, (k) => ({ rows: Array.from({ length: 5 }, (_, i) => row(`${k.context}-pod-${i}`, { namespace: k.namespace ?? 'default' })) }));
  const r = render(<App backend={backend} context="one" namespace="default" startResource="pods" version="0.1.0" width={100} height={20} noColor />);
  mounted.push(r);
  return { r, backend };
}

/** Every frame painted since `from` that names context `ctx` shows none of `foreign`. */
function assertNoForeignRows(frames: string[], from: number, ctx: string, foreign: RegExp) {
  for (const f of frames.slice(from)) {
    if (f.includes(`ctx: ${ctx} `)) assert.doesNotMatch(f, foreign, `a frame of ctx ${ctx} shows another context's rows:\n${f}`);
  }
}

test('a flip shows the new context loading at once, never its name over the old rows', async () => {
  const { r, backend } = setup();
  await until(r.lastFrame, (f) => f.includes('one-pod-0'), 'context one rows');
  const slow = gate();
  backend.gates.set('two', slow.p);
  const from = r.frames.length;
  r.stdin.write(':');
  await tick();
  r.stdin.write('ctx two\r');
  // The connection to "two" is still pending: the screen is already two's, loading in its own namespace.
  const loading = await until(r.lastFrame, (f) => f.includes('ctx: two'), 'the new context name');
  assert.match(loading, /loading pods/);
  assert.match(loading, /ns: team-a/);
  assert.match(loading, /cluster: c2 +user: bob/);
  assertNoForeignRows(r.frames, from, 'two', /one-pod/);
  slow.open();
  await until(r.lastFrame, (f) => f.includes('two-pod-0'), 'context two rows');
  assertNoForeignRows(r.frames, from, 'two', /one-pod/);
  // And back: the frames of "one" never show two's rows either.
  const back = r.frames.length;
  r.stdin.write(':');
  await tick();
  r.stdin.write('ctx -\r');
  await until(r.lastFrame, (f) => f.includes('ctx: one') && f.includes('one-pod-0'), 'back on one');
  assertNoForeignRows(r.frames, back, 'one', /two-pod/);
});

test('a flip to an unreachable context changes the screen at once, then shows why it cannot connect', async () => {
  const { r, backend } = setup();
  await until(r.lastFrame, (f) => f.includes('one-pod-0'), 'context one rows');
  const slow = gate();
  backend.gates.set('down', slow.p);
  backend.failing.add('down');
  const from = r.frames.length;
  r.stdin.write(':');
  await tick();
  r.stdin.write('ctx down\r');
  const first = await until(r.lastFrame, (f) => f.includes('ctx: down'), 'the new context name');
  assert.match(first, /loading pods/);
  assert.match(first, /connecting to down/);
  slow.open();
  const err = await until(r.lastFrame, (f) => f.includes('cannot connect to context "down"'), 'the diagnosis');
  assert.match(err, /data: unreachable/);
  assertNoForeignRows(r.frames, from, 'down', /one-pod/);
});

test('a flip back to a warm context paints its rows in the first frame that names it, in one frame (nothing to wait for)', async () => {
  const backend = new FakeBackend(CONTEXTS, (k) => ({ rows: Array.from({ length: 5 }, (_, i) => row(`${k.context}-pod-${i}`, { namespace: k.namespace ?? 'default' })) }));
  // The clock ticks once an hour here, so every frame counted comes from the flip.
  const r = render(<App backend={backend} context="one" namespace="default" startResource="pods" version="0.1.0" width={100} height={20} noColor clockMs={3_600_000} />);
  mounted.push(r);
  await until(r.lastFrame, (f) => f.includes('one-pod-0'), 'context one rows');
  r.stdin.write(':');
  await tick();
  r.stdin.write('ctx two\r');
  await until(r.lastFrame, (f) => f.includes('two-pod-0'), 'context two rows');
  await tick(100);
  const back = r.frames.length;
  r.stdin.write(':');
  await tick(100);
  const typed = r.frames.length;
  r.stdin.write('ctx -\r');
  await until(r.lastFrame, (f) => f.includes('ctx: one') && f.includes('one-pod-0'), 'back on one');
  const first = r.frames.slice(back).find((f) => f.includes('ctx: one'))!;
  assert.match(first, /one-pod-0/, `the first frame of the flip back is still loading:\n${first}`);
  assert.match(first, /k8s: v1\.32\.0/);
  await tick(200);
  assert.equal(r.frames.length - typed, 1, 'the flip back is one render: taking the warm informer does not render it again');
});

/**
 * Metrics as the live backend has them: a real MetricsSource per context over an in-memory metrics.k8s.io that
 * gives every pod of context `one` 150m and of `two` 70m. `requests` counts what was asked.
 */
function withMetrics(backend: FakeBackend, rowsOf: (context: string) => Row[]) {
  const requests: string[] = [];
  const sources = new Map<string, MetricsSource>();
  const client = (context: string) =>
    ({
      requestJson: async ({ path }: { path: string }) => {
        requests.push(`${context} ${path}`);
        const rows = rowsOf(context);
        const items = rows.map((r) => ({ metadata: { name: r.name, namespace: r.namespace, uid: r.uid }, containers: [{ usage: { cpu: context === 'one' ? '150m' : '70m', memory: '64Mi' } }], spec: { containers: [{}] } }));
        const ns = /\/namespaces\/([^/]+)\/pods$/.exec(path)?.[1];
        return { items: items.filter((i) => ns === undefined || i.metadata.namespace === ns) };
      },
    }) as unknown as KubeClient;
  Object.assign(backend, { metrics: (context: string) => sources.get(context) ?? sources.set(context, new MetricsSource(client(context), 60_000)).get(context) });
  after(() => sources.forEach((s) => s.close()));
  return requests;
}

async function flipBackWithMetrics(namespaceOf: (context: string) => string, allNamespaces: boolean) {
  const rowsOf = (context: string) =>
    Array.from({ length: allNamespaces ? LARGE_VIEW_ROWS + 100 : 5 }, (_, i) =>
      row(`${context}-pod-${String(i).padStart(5, '0')}`, { namespace: allNamespaces ? `${namespaceOf(context)}-${String(Math.floor(i / 100)).padStart(3, '0')}` : namespaceOf(context) }),
    );
  const backend = new FakeBackend(CONTEXTS, (k) => ({ rows: rowsOf(k.context) }));
  const requests = withMetrics(backend, rowsOf);
  const r = render(<App backend={backend} context="one" namespace={allNamespaces ? undefined : 'default'} startResource="pods" version="0.1.0" width={140} height={20} noColor clockMs={3_600_000} />);
  mounted.push(r);
  // The clock is stopped here: a large view's metrics come for the namespaces its rows are painted in, with no key.
  await until(r.lastFrame, (f) => f.includes('one-pod-00000'), 'context one rows');
  await until(r.lastFrame, (f) => f.includes('one-pod-00000') && f.includes('150m'), 'context one with its metrics');
  r.stdin.write(':');
  await tick();
  r.stdin.write('ctx two\r');
  await until(r.lastFrame, (f) => f.includes('two-pod-00000'), 'context two rows');
  if (allNamespaces) {
    r.stdin.write('0');
    await until(r.lastFrame, (f) => f.includes('pods(all)'), 'context two in all namespaces');
  }
  await until(r.lastFrame, (f) => f.includes('two-pod-00000') && f.includes('70m') && (!allNamespaces || f.includes('pods(all)')), 'context two with its metrics');
  await tick(100);
  r.stdin.write(':');
  await tick(100);
  const typed = r.frames.length;
  const asked = requests.length;
  r.stdin.write('ctx -\r');
  await until(r.lastFrame, (f) => f.includes('ctx: one') && f.includes('one-pod-00000'), 'back on one');
  const first = r.frames.slice(typed).find((f) => f.includes('ctx: one'))!;
  assert.match(first.split('\n').find((l) => l.includes('one-pod-00000'))!, /150m\s+64Mi/, `the first frame of the flip back has no metrics yet:\n${first}`);
  await tick(200);
  assert.equal(r.frames.length - typed, 1, 'the flip back is one render: the metrics it already had render nothing more');
  assert.deepEqual(requests.slice(asked), [], 'figures younger than the interval are not asked for again on the flip back');
}

test('a flip back to a warm context paints its metrics columns in its first frame, without asking again', async () => {
  await flipBackWithMetrics((c) => (c === 'one' ? 'default' : 'team-a'), false);
});

test('a flip back to a large all-namespaces view paints the metrics of the namespaces it shows, not those of the screen it left', async () => {
  await flipBackWithMetrics((c) => (c === 'one' ? 'ns-a' : 'ns-b'), true);
});
