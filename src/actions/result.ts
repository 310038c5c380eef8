// Every action ends in one result line: what happened, or the server's exact reason for refusing.
import type { ResourceRef } from '../api/catalogue.js';
import { resourcePath } from '../api/requests.js';

export interface ActionResult {
  ok: boolean;
  /** One line for the flash: "deleted pod team-a/web-1", or the server's message as it sent it. */
  message: string;
}

/** The object an action is aimed at. */
export interface Target {
  ref: ResourceRef;
  namespace?: string;
  name: string;
}

export const done = (message: string): ActionResult => ({ ok: true, message });

/** An error as the user should read it: a Status message as the server wrote it, or our own error's message. */
export function failed(err: unknown): ActionResult {
  return { ok: false, message: err instanceof Error ? err.message : String(err) };
}

/** "pod team-a/web-1", "node worker-1": how result lines name an object. */
export function describeTarget(t: Target): string {
  const kind = t.ref.kind.toLowerCase() || t.ref.singular;
  return t.namespace && t.ref.namespaced ? `${kind} ${t.namespace}/${t.name}` : `${kind} ${t.name}`;
}

export function targetPath(t: Target, subresource?: string): string {
  return resourcePath(t.ref, t.namespace, t.name) + (subresource ? `/${subresource}` : '');
}

/** Runs an action and turns a thrown error into its result line. */
export async function attempt(run: () => Promise<ActionResult>): Promise<ActionResult> {
  try {
    return await run();
  } catch (err) {
    return failed(err);
  }
}

export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const JSON_PATCH = 'application/json-patch+json';
