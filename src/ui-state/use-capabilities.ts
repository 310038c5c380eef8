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

export function useCapabilities(backend: DashboardBackend, context: string, ref: ResourceRef | undefined, namespace: string | undefined, readOnly: boolean): OfferedActions {
  const caps = backend.capabilities?.(context);
  const answer = useAsync(
    async () => (caps && ref ? { actions: await caps.actions(ref, namespace), all: ref.namespaced ? await caps.canListAllNamespaces(ref) : true } : undefined),
    [backend, context, ref, namespace],
  );
  // A backend without a capability layer (tests' fakes) offers everything but what read-only forbids.
  if (!caps) return { can: (a) => !readOnly || a === 'logs', allNamespaces: true };
  const v = answer.value;
  return { can: (a) => v?.actions.has(a) ?? false, allNamespaces: v?.all ?? true };
}
