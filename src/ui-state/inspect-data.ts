// The data of an inspect view (describe, YAML, logs, containers), kept current: describe is fetched when the
// view opens, YAML and containers watch their one object, logs run a session (closed when the view goes).
// Log lines re-render at most every 33 ms however fast they arrive.
import { useEffect, useRef, useState } from 'react';
import type { DashboardBackend } from './backend.js';
import type { CatalogueView, ResourceRef } from './engine-types.js';
import type { InspectView, View } from './views.js';
import type { LogsSession } from '../inspect/logs/session.js';
import type { LogQuery } from '../inspect/logs/stream.js';

type Obj = Record<string, any>;

export interface InspectData {
  ref?: ResourceRef;
  /** Describe text. */
  text?: string;
  /** The watched object (YAML, containers); null once deleted. */
  object?: Obj | null;
  session?: LogsSession;
  error?: unknown;
  pending: boolean;
  /** Bumped when log lines arrive, so the frame repaints. */
  version: number;
  /** Which view (and stream settings) this data is for: data of the previous one never shows. */
  key?: string;
}

const FRAME_MS = 33;

export function logQueryFor(v: InspectView): LogQuery {
  const follow = !v.previous;
  if (v.range === 'head') return { follow, sinceSeconds: undefined, tailLines: undefined, previous: v.previous };
  if (typeof v.range === 'number') return { follow, sinceSeconds: v.range, previous: v.previous };
  return { follow, tailLines: 200, previous: v.previous };
}

export function useInspectData(backend: DashboardBackend, context: string, view: View, catalogue: CatalogueView | undefined): InspectData | undefined {
  const iv = view.kind === 'inspect' ? view : undefined;
  const ref = iv ? catalogue?.resolve(iv.resource) : undefined;
  const [data, setData] = useState<InspectData>({ pending: true, version: 0 });
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  const kind = iv?.mode === 'containers' ? 'yaml' : iv?.mode;
  const target = iv ? `${context}|${iv.resource}|${iv.namespace ?? ''}|${iv.name}` : '';
  const logKey = iv?.mode === 'logs' ? `${iv.container ?? ''}|${!!iv.allContainers}|${!!iv.previous}|${iv.range}|${iv.epoch ?? 0}` : '';
  const key = `${kind}|${target}|${logKey}|${ref?.group ?? ''}/${ref?.resource ?? ''}`;

  useEffect(() => {
    if (!iv || !ref) return;
    const inspector = backend.inspector?.(context);
    if (!inspector) {
      setData({ key, ref, pending: false, version: 0, error: new Error('describe, YAML and logs are not available for this context') });
      return;
    }
    let live = true;
    setData({ key, ref, pending: true, version: 0 });
    if (kind === 'describe') {
      inspector.describe(ref, iv.namespace, iv.name).then(
        (text) => live && setData({ key, ref, text, pending: false, version: 0 }),
        (error: unknown) => live && setData({ key, ref, error, pending: false, version: 0 }),
      );
      return () => {
        live = false;
      };
    }
    if (kind === 'yaml') {
      const stop = inspector.watch(ref, iv.namespace, iv.name, {
        object: (o) => live && setData((d) => ({ key, ref, object: o ?? null, pending: false, version: d.version + 1 })),
        error: (error) => live && setData((d) => ({ ...d, key, ref, error, pending: false })),
      });
      return () => {
        live = false;
        stop();
      };
    }
    // logs
    let session: LogsSession | undefined;
    inspector.logs({ ref, namespace: iv.namespace, name: iv.name, container: iv.container, all: iv.allContainers, query: logQueryFor(iv) }).then(
      (s) => {
        if (!live) return void s.close();
        session = s;
        setData({ key, ref, session: s, pending: false, version: 0 });
        s.subscribe(() => {
          if (timer.current) return;
          timer.current = setTimeout(() => {
            timer.current = undefined;
            if (live) setData((d) => ({ ...d, version: s.version }));
          }, FRAME_MS);
        });
      },
      (error: unknown) => live && setData({ key, ref, error, pending: false, version: 0 }),
    );
    return () => {
      live = false;
      if (timer.current) clearTimeout(timer.current);
      timer.current = undefined;
      void session?.close();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [backend, kind, target, logKey, ref?.resource, ref?.group]);

  if (!iv) return undefined;
  if (data.key !== key) return { key, ref, pending: true, version: 0 };
  return { ...data, ref: ref ?? data.ref };
}
