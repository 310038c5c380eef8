// Turns a request's labelSelector/fieldSelector into one predicate over objects (400s come from selectors.ts).
import { storageKey, type ResourceDef } from './resources.js';
import { EVENTS_V1_FIELD_LABELS, isEventsV1 } from './event-versions.js';
import type { SimObject } from './types.js';
import { badRequest } from './status.js';
import { parseFieldSelector, parseLabelSelector, requiredFieldValue } from './selectors.js';

export type ObjectFilter = (obj: SimObject) => boolean;

export interface RequestFilter {
  matches: ObjectFilter;
  /** Whether any selector was given (remainingItemCount is reported only without selectors). */
  selective: boolean;
}

export function buildFilter(def: ResourceDef, q: URLSearchParams, nameFromPath?: string): RequestFilter {
  const labelText = q.get('labelSelector') ?? '';
  let fieldText = q.get('fieldSelector') ?? '';
  const key = storageKey(def.group, def.plural);
  // events.k8s.io field labels name the core fields the shared storage has (regarding.name → involvedObject.name).
  if (isEventsV1(def)) fieldText = fieldText.split(',').map((t) => t.replace(/^\s*([^=!\s]+)/, (f) => EVENTS_V1_FIELD_LABELS[f.trim()] ?? f)).join(',');
  if (nameFromPath !== undefined) {
    // A watch aimed at /NAME is the field selector metadata.name=NAME.
    const explicit = fieldText ? requiredFieldValue(parseFieldSelector(key, fieldText, def.selectableFields ?? []), 'metadata.name') : undefined;
    if (explicit !== undefined && explicit !== nameFromPath) throw badRequest("fieldSelector metadata.name doesn't match requested name");
    fieldText = fieldText ? `${fieldText},metadata.name=${nameFromPath}` : `metadata.name=${nameFromPath}`;
  }
  const label = labelText.trim() ? parseLabelSelector(labelText) : undefined;
  const field = fieldText.trim() ? parseFieldSelector(key, fieldText, def.selectableFields ?? []) : undefined;
  if (label?.empty === false && field?.empty === false) {
    return { matches: (o) => label.matches(o.metadata.labels) && field.matches(o), selective: true };
  }
  if (label?.empty === false) return { matches: (o) => label.matches(o.metadata.labels), selective: true };
  if (field?.empty === false) return { matches: (o) => field.matches(o), selective: true };
  return { matches: () => true, selective: false };
}
