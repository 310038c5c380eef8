import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { useAsync, useInformer } from '../../src/ui-state/hooks.js';
import type { DashboardBackend } from '../../src/ui-state/backend.js';
import { until } from '../components/helpers/frames.js';

const mounted: { unmount(): void }[] = [];
after(() => mounted.forEach((m) => m.unmount()));

function Show({ load, id }: { load: (id: string) => Promise<string>; id: string }) {
  const r = useAsync(() => load(id), [id]);
  return <Text>{r.pending ? 'pending' : r.error ? `error ${(r.error as Error).message}` : `value ${r.value}`}</Text>;
}

test('a promise that settles before the effects run is still shown (no stale "pending")', async () => {
  const r = render(<Show load={async (id) => `of ${id}`} id="a" />);
  mounted.push(r);
  await until(r.lastFrame, (f) => f === 'value of a', 'the value');
  r.rerender(<Show load={async (id) => `of ${id}`} id="b" />);
  await until(r.lastFrame, (f) => f === 'value of b', 'the value for the new deps');
});

test('a promise seen settled before is read in the first render: no frame says pending', async () => {
  const cached = new Map<string, Promise<string>>();
  const load = (id: string) => {
    let p = cached.get(id);
    if (!p) cached.set(id, (p = Promise.resolve(`of ${id}`)));
    return p;
  };
  const r = render(<Show load={load} id="a" />);
  mounted.push(r);
  await until(r.lastFrame, (f) => f === 'value of a', 'a');
  r.rerender(<Show load={load} id="b" />);
  await until(r.lastFrame, (f) => f === 'value of b', 'b');
  const seen = r.frames.length;
  r.rerender(<Show load={load} id="a" />); // back to a: its promise settled long ago
  assert.equal(r.frames[seen], 'value of a', 'the first frame after going back');
  assert.ok(!r.frames.slice(seen).includes('pending'));
});

test('a rejected call and a call that throws are errors, never thrown at the screen', async () => {
  const r = render(<Show load={() => Promise.reject(new Error('refused'))} id="a" />);
  mounted.push(r);
  await until(r.lastFrame, (f) => f === 'error refused', 'the rejection');
  const t = render(<Show load={() => { throw new Error('bad input'); }} id="a" />);
  mounted.push(t);
  await until(t.lastFrame, (f) => f === 'error bad input', 'the throw');
});

test('a hook mounted without an informer key renders once: no second render from its effect', async () => {
  let renders = 0;
  function Keyless() {
    renders++;
    const h = useInformer({} as DashboardBackend, undefined); // no key: the backend is never asked
    return <Text>{`informer ${h.informer ? 'yes' : 'none'} v${h.version}`}</Text>;
  }
  const r = render(<Keyless />);
  mounted.push(r);
  await new Promise((resolve) => setTimeout(resolve, 50)); // effects ran, and any render they scheduled
  assert.equal(r.lastFrame(), 'informer none v0');
  assert.equal(renders, 1, 'renders of a keyless hook (each was a full dashboard frame at start-up)');
});
