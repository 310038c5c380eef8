// The action keys a view offers (useCapabilities over the real capability layer, answered by an in-memory
// authorization API): a view coming back after its answer went stale keeps its keys in every frame while the answer
// is asked again, and a changed answer replaces them when it comes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { Capabilities } from '../../src/api/capabilities.js';
import type { KubeClient } from '../../src/transport/types.js';
import type { DashboardBackend } from '../../src/ui-state/backend.js';
import { useCapabilities } from '../../src/ui-state/use-capabilities.js';
import { until } from '../components/helpers/frames.js';
import { ref } from './helpers/fakes.js';

const mounted: { unmount(): void }[] = [];
after(() => mounted.forEach((m) => m.unmount()));

const PODS = { ...ref('pods', 'Pod'), verbs: ['list', 'watch', 'get', 'delete'] };

/** A context whose rules review grants `verbs` on every resource; `reviews` counts the reviews it answered. */
function context(verbs: () => string[]) {
  const counter = { reviews: 0 };
  const client = {
    requestJson: async () => {
      counter.reviews++;
      return { status: { resourceRules: [{ verbs: verbs(), apiGroups: ['*'], resources: ['*'] }], allowed: true } };
    },
  } as unknown as KubeClient;
  return { counter, caps: new Capabilities(client, { ttlMs: 0 }) }; // ttl 0: every answer asks the server again
}

function Probe({ backend, ctx }: { backend: DashboardBackend; ctx: string }) {
  const offered = useCapabilities(backend, ctx, PODS, 'default', false);
  return <Text>{`${ctx} delete:${offered.can('delete')}`}</Text>;
}

test('a flip back after a minute keeps the action keys while their answer is asked again; a changed answer then shows', async (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
  let oneVerbs = ['*'];
  const one = context(() => oneVerbs);
  const two = context(() => ['get', 'list']);
  const backend = { capabilities: (c: string) => (c === 'one' ? one.caps : two.caps) } as unknown as DashboardBackend;
  const r = render(<Probe backend={backend} ctx="one" />);
  mounted.push(r);
  await until(r.lastFrame, (f) => f === 'one delete:true', 'context one may delete');
  r.rerender(<Probe backend={backend} ctx="two" />);
  await until(r.lastFrame, (f) => f === 'two delete:false', 'context two may not');
  t.mock.timers.setTime(Date.now() + 61_000); // one's answer is now older than a minute
  const asked = one.counter.reviews;
  const seen = r.frames.length;
  r.rerender(<Probe backend={backend} ctx="one" />);
  await until(() => String(one.counter.reviews), (n) => Number(n) > asked, 'one asked again');
  await until(r.lastFrame, (f) => f === 'one delete:true', 'back on one');
  const flip = r.frames.slice(seen).filter((f) => f.startsWith('one '));
  assert.deepEqual([...new Set(flip)], ['one delete:true'], 'no frame of the flip back hides the key');
  // The answer asked again is the one shown once it comes: RBAC took delete away meanwhile.
  oneVerbs = ['get', 'list'];
  r.rerender(<Probe backend={backend} ctx="two" />);
  await until(r.lastFrame, (f) => f.startsWith('two '), 'two again');
  t.mock.timers.setTime(Date.now() + 61_000);
  r.rerender(<Probe backend={backend} ctx="one" />);
  await until(r.lastFrame, (f) => f === 'one delete:false', 'the new answer replaces the last one');
});
