// What the current view's resource may do here, from the backend's capability layer (api/capabilities.ts): the
// set of offered actions (undefined while the first answer is pending: action keys stay hidden until then) and
// whether all namespaces may be listed (the `0` key).
import type { Action } from '../api/capabilities.js';
import type { DashboardBackend } from './backend.js';
import type { ResourceRef } from './engine-types.js';
import { useAsync } from './hooks.js';

export interface OfferedActions {
  can(action: Action): boolean;
  /** false when RBAC does not allow listing this resource across namespaces. */
  allNamespaces: boolean;
}

type Capabilities = NonNullable<ReturnType<NonNullable<DashboardBackend['capabilities']>>>;
type Answer = { actions: Set<Action>; all: boolean };

/**
 * One answer per context's capabilities, resource and namespace for a minute (the capability layer keeps its reviews
 * longer): going back to a view reads it settled, in its first frame, instead of hiding the action keys for a frame.
 */
const answers = new WeakMap<Capabilities, Map<string, { p: Promise<Answer>; at: number }>>();
const ANSWER_MS = 60_000;
const NO_ANSWER = Promise.resolve(undefined);

function answerFor(caps: Capabilities, ref: ResourceRef, namespace: string | undefined): Promise<Answer> {
  let byView = answers.get(caps);
  if (!byView) answers.set(caps, (byView = new Map()));
  const key = `${ref.group}/${ref.resource}\0${namespace ?? ''}`;
  const known = byView.get(key);
  if (known && Date.now() - known.at < ANSWER_MS) return known.p;
  const p = (async () => ({ actions: await caps.actions(ref, namespace), all: ref.namespaced ? await caps.canListAllNamespaces(ref) : true }))();
  byView.set(key, { p, at: Date.now() });
  p.catch(() => byView.delete(key)); // asked again next time
  return p;
}

export function useCapabilities(backend: DashboardBackend, context: string, ref: ResourceRef | undefined, namespace: string | undefined, readOnly: boolean): OfferedActions {
  const caps = backend.capabilities?.(context);
  const answer = useAsync(() => (caps && ref ? answerFor(caps, ref, namespace) : NO_ANSWER), [backend, context, ref, namespace]);
  // A backend without a capability layer (tests' fakes) offers everything but what read-only forbids.
  if (!caps) return { can: (a) => !readOnly || a === 'logs', allNamespaces: true };
  const v = answer.value;
  return { can: (a) => v?.actions.has(a) ?? false, allNamespaces: v?.all ?? true };
}
