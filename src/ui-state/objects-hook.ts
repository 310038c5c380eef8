// The full objects a views.yaml JSONPath column reads beyond the row's metadata (.spec, .status), listed for the
// view every 15 s while it shows (custom-views.ts says which paths need them). A React hook: kept out of
// custom-views.ts, which the start-up pre-paint loads without React.
import { useEffect, useState } from 'react';
import { resourceId } from '../api/catalogue.js';
import { METRICS_INTERVAL_MS } from '../metrics/source.js';
import type { DashboardBackend } from './backend.js';
import type { ResourceRef } from './engine-types.js';

/** Full objects (uid → object) of `ref` in `namespace`, refreshed every 15 s while `active`. */
export function useObjects(backend: DashboardBackend, context: string, ref: ResourceRef | undefined, namespace: string | undefined, active: boolean): Map<string, unknown> | undefined {
  const id = ref && active ? `${context}/${resourceId(ref)}/${namespace ?? ''}` : '';
  const [objs, setObjs] = useState<{ id: string; map: Map<string, unknown> }>();
  useEffect(() => {
    if (!id || !ref || !backend.listObjects) return;
    let live = true;
    const load = () =>
      backend.listObjects!(context, ref, namespace).then(
        (items) => {
          if (!live) return;
          const map = new Map<string, unknown>();
          for (const o of items) {
            const uid = (o as { metadata?: { uid?: string } }).metadata?.uid;
            if (uid) map.set(uid, o);
          }
          setObjs({ id, map });
        },
        () => {}, // the table itself shows why the resource cannot be read
      );
    void load();
    const t = setInterval(load, METRICS_INTERVAL_MS);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [backend, id]);
  return objs?.id === id ? objs.map : undefined;
}
