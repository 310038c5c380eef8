// What the current view's resource may do here, from the backend's capability layer (api/capabilities.ts): the
// set of offered actions (undefined while the first answer is pending: action keys stay hidden until then) and
// whether all namespaces may be listed (the `0` key).
import type { Action } from '../api/capabilities.js';
import type { DashboardBackend } from './backend.js';
import type { ResourceRef } from './engine-types.js';
import { useAsync } from './hooks.js';
import { offeredActions, type OfferedActions } from './dashboard-frame.js';

type Capabilities = NonNullable<ReturnType<NonNullable<DashboardBackend['capabilities']>>>;
type Answer = { actions: Set<Action>; all: boolean };

/**
 * One answer per context's capabilities, resource and namespace for a minute (the capability layer keeps its reviews
 * longer): going back to a view reads it settled, in its first frame, instead of hiding the action keys for a frame.
 * An older one is asked again, and `last` (the previous answer) stands in until the new one settles.
 */
const answers = new WeakMap<Capabilities, Map<string, { p: Promise<Answer>; at: number; last?: Answer }>>();
const ANSWER_MS = 60_000;
const NO_ANSWER = Promise.resolve(undefined);

const keyOf = (ref: ResourceRef, namespace: string | undefined) => `${ref.group}/${ref.resource}\0${namespace ?? ''}`;

function answerFor(caps: Capabilities, ref: ResourceRef, namespace: string | undefined): Promise<Answer> {
  let byView = answers.get(caps);
  if (!byView) answers.set(caps, (byView = new Map()));
  const key = keyOf(ref, namespace);
  const known = byView.get(key);
  if (known && Date.now() - known.at < ANSWER_MS) return known.p;
  const p = (async () => ({ actions: await caps.actions(ref, namespace), all: ref.namespaced ? await caps.canListAllNamespaces(ref) : true }))();
  const entry = { p, at: Date.now(), last: known?.last };
  byView.set(key, entry);
  p.then((a) => (entry.last = a), () => byView.delete(key)); // a failure is asked again next time
  return p;
}

/** The last settled answer for the view, while a newer one is pending. */
function lastAnswer(caps: Capabilities | undefined, ref: ResourceRef | undefined, namespace: string | undefined): Answer | undefined {
  return caps && ref ? answers.get(caps)?.get(keyOf(ref, namespace))?.last : undefined;
}

export function useCapabilities(backend: DashboardBackend, context: string, ref: ResourceRef | undefined, namespace: string | undefined, readOnly: boolean): OfferedActions {
  const caps = backend.capabilities?.(context);
  const answer = useAsync(() => (caps && ref ? answerFor(caps, ref, namespace) : NO_ANSWER), [backend, context, ref, namespace]);
  // A view whose answer is being asked again (a flip back after a minute) keeps the last one's keys meanwhile.
  return offeredActions(!!caps, answer.value ?? (caps && answer.pending ? lastAnswer(caps, ref, namespace) : undefined), readOnly);
}
