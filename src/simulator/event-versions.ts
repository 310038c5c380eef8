// events.k8s.io/v1 Events are the core v1 Events under other field names, kept in the same store (as
// kube-apiserver serves both from one storage): same objects, same resourceVersions, one watch history. These
// convert between the two shapes and render an event as the version a request asked for.
import type { ResourceDef } from './resources.js';
import type { StoredObject } from './store.js';
import type { SimObject } from './types.js';

export const EVENTS_V1_GROUP = 'events.k8s.io';

/** events.k8s.io/v1 name ↔ core v1 name of every field that differs. */
const RENAMED: [string, string][] = [
  ['regarding', 'involvedObject'],
  ['note', 'message'],
  ['reportingController', 'reportingComponent'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
];

/** Field-selector names of events.k8s.io/v1, translated to the core names the store is indexed by. */
export const EVENTS_V1_FIELD_LABELS: Record<string, string> = {
  'regarding.kind': 'involvedObject.kind',
  'regarding.namespace': 'involvedObject.namespace',
  'regarding.name': 'involvedObject.name',
  'regarding.uid': 'involvedObject.uid',
  'regarding.apiVersion': 'involvedObject.apiVersion',
  'regarding.resourceVersion': 'involvedObject.resourceVersion',
  'regarding.fieldPath': 'involvedObject.fieldPath',
  reportingController: 'reportingComponent',
  deprecatedSource: 'source',
};

export function isEventsV1(def: Pick<ResourceDef, 'group' | 'plural'>): boolean {
  return def.group === EVENTS_V1_GROUP && def.plural === 'events';
}

function rename(obj: SimObject, pairs: [string, string][], kind: string, apiVersion: string): SimObject {
  const out: Record<string, unknown> = { kind, apiVersion };
  const from = new Map(pairs);
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'kind' || k === 'apiVersion' || v === undefined) continue;
    out[from.get(k) ?? k] = v;
  }
  return out as SimObject;
}

/** A stored core Event as events.k8s.io/v1 shows it. */
export function toEventsV1(core: SimObject): SimObject {
  return rename(core, RENAMED.map(([v1, c]) => [c, v1]), 'Event', `${EVENTS_V1_GROUP}/v1`);
}

/** An events.k8s.io/v1 Event as the store keeps it (core v1). */
export function fromEventsV1(event: SimObject): SimObject {
  return rename(event, RENAMED, 'Event', 'v1');
}

/** The object in the version `def` serves: converted for events.k8s.io, else as stored. */
export function asServed(def: ResourceDef, obj: SimObject): SimObject {
  return isEventsV1(def) ? toEventsV1(obj) : obj;
}

/** The object as the store keeps it: converted from events.k8s.io, else as given. */
export function asStored(def: ResourceDef, obj: SimObject): SimObject {
  return isEventsV1(def) ? fromEventsV1(obj) : obj;
}

/** JSON of a stored object as a list item (no kind/apiVersion for built-ins), in the version `def` serves. */
export function servedItemJson(def: ResourceDef, stored: StoredObject): string {
  if (!isEventsV1(def)) return stored.body();
  const { kind: _k, apiVersion: _a, ...rest } = toEventsV1(stored.object);
  return JSON.stringify(rest);
}

/** Full JSON (kind and apiVersion first) of a stored object, in the version `def` serves. */
export function servedJson(def: ResourceDef, stored: StoredObject, kind: string, apiVersion: string): string {
  return isEventsV1(def) ? JSON.stringify(toEventsV1(stored.object)) : stored.fullJson(kind, apiVersion);
}
