// The one identity of an informer: two views with the same key share one informer (registry) and one
// subscription (the UI's hooks). Pure, so the UI can use it without touching the engine's classes.
import { resourceId } from '../api/catalogue.js';
import type { InformerKey } from './informer.js';

export function informerKeyString(key: InformerKey): string {
  return [key.context, resourceId(key.resource), key.resource.version, key.namespace ?? '*', key.labelSelector ?? '', key.fieldSelector ?? ''].join('\u0000');
}
