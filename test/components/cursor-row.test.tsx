// A row action acts on the row the user saw under the cursor, never on another row at that index: keys typed
// ahead in one burst see the rows of the filter they applied, and a row that moved or went away between the last
// frame and the key is found by its uid (or the action refuses).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { App } from '../../components/App.js';
import { until } from './helpers/frames.js';
import { FakeBackend, FakeInformer, POD_COLUMNS, row } from '../ui-state/helpers/fakes.js';
import { RowStore } from '../../src/store/row-store.js';
import type { FakeStore } from '../ui-state/helpers/fakes.js';

const CTX = [{ name: 'one', cluster: 'c1', user: 'admin', namespace: 'default', current: true }];
const PODS = ['api-1', 'web-1', 'web-2'];

function mount(backend: FakeBackend) {
  return render(<App backend={backend} context="one" namespace="default" startResource="pods" version="0.1.0" width={120} height={24} noColor onQuit={() => undefined} />);
}

/** A backend whose pods informer holds a real RowStore, changed by the test without a notification yet. */
function liveStore(): { backend: FakeBackend; store: RowStore } {
  const store = new RowStore();
  store.setColumns(POD_COLUMNS);
  for (const name of PODS) store.upsert(row(name));
  const backend = new FakeBackend(CTX, () => ({ rows: [] }));
  const acquire = backend.acquire.bind(backend);
  backend.acquire = (k) => {
    const lease = acquire(k);
    if (k.resource.resource !== 'pods') return lease;
    const informer = new FakeInformer(k, store as unknown as FakeStore);
    return { informer, release: lease.release };
  };
  return { backend, store };
}

const describedPod = (f: string) => /describe pods\/(\S+)/.exec(f)?.[1];

/** Mounts the dashboard on `backend`, waits for the pods table and runs `keys` on it; unmounts whatever happens. */
async function onPodsTable(backend: FakeBackend, keys: (r: ReturnType<typeof mount>) => Promise<void>): Promise<void> {
  const r = mount(backend);
  try {
    await until(r.lastFrame, (f) => f.includes('api-1') && f.includes('web-2'), 'the pods table');
    await keys(r);
  } finally {
    r.unmount();
  }
}

test('a filter typed, applied and acted on in one burst acts on the filtered row under the cursor', async () => {
  await onPodsTable(new FakeBackend(CTX, () => ({ rows: PODS.map((n) => row(n)) })), async (r) => {
    // tmux send-keys under load: the filter, its Enter and `d` reach kdeck in one read, before any frame.
    r.stdin.write('/web-2\rd');
    const f = await until(r.lastFrame, (x) => describedPod(x) !== undefined, 'a describe view');
    assert.equal(describedPod(f), 'web-2', 'the first row of the filtered table, not of the unfiltered one');
  });
});

test('a row added above the cursor before the frame that shows it: the key acts on the row shown under the cursor', async () => {
  const { backend, store } = liveStore();
  await onPodsTable(backend, async (r) => {
    // The store changed, its coalesced notification (and so the next frame) is still to come: the user still
    // sees api-1 under the cursor, and aaa-0 now sorts at index 0.
    store.upsert(row('aaa-0'));
    r.stdin.write('d');
    const f = await until(r.lastFrame, (x) => describedPod(x) !== undefined, 'a describe view');
    assert.equal(describedPod(f), 'api-1');
  });
});

test('the row shown under the cursor deleted before the next frame: the action refuses and says why', async () => {
  const { backend, store } = liveStore();
  await onPodsTable(backend, async (r) => {
    store.remove('uid-api-1'); // web-1 moves to index 0, the frame still shows api-1 there
    r.stdin.write('d');
    const f = await until(r.lastFrame, (x) => x.includes('api-1 is no longer in the list: nothing done'), 'the refusal');
    assert.equal(describedPod(f), undefined, 'no describe view opened');
    assert.match(f, /pods\(default\)/);
  });
});
