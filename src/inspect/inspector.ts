// What the dashboard's inspect views ask of a cluster, over one context's client: describe text, the object
// (once, or watched for the live YAML view), and log sessions for a pod, a container or an owner's pods.
import type { KubeClient } from '../transport/types.js';
import type { ResourceRef } from '../api/catalogue.js';
import { getObject } from '../api/requests.js';
import type { SessionRegistry } from '../sessions/registry.js';
import { watchObject, type ObjectWatchHandlers } from './object-watch.js';
import type { LogsSession } from './logs/session.js';
import type { LogQuery } from './logs/stream.js';

type Obj = Record<string, any>;

export interface LogsRequest {
  ref: ResourceRef;
  namespace?: string;
  name: string;
  /** One container of a pod; else the default one (or all with `all`). */
  container?: string;
  all?: boolean;
  query: LogQuery;
}

export interface Inspector {
  describe(ref: ResourceRef, namespace: string | undefined, name: string): Promise<string>;
  get(ref: ResourceRef, namespace: string | undefined, name: string): Promise<Obj>;
  watch(ref: ResourceRef, namespace: string | undefined, name: string, h: ObjectWatchHandlers): () => void;
  /** A started log session, or a reason there is nothing to read. */
  logs(req: LogsRequest): Promise<LogsSession>;
}

export function createInspector(client: KubeClient, opts: { registry: SessionRegistry; context: string; bufferLines?: number }): Inspector {
  return {
    // describe and logs load their code on first use: nothing of them is needed for the first frame.
    describe: async (ref, ns, name) => {
      const [{ gatherDescribe }, { describeObject }] = await Promise.all([import('./describe/gather.js'), import('./describe/index.js')]);
      return describeObject(await gatherDescribe(client, ref, ns, name));
    },
    get: async (ref, ns, name) => (await getObject(client, ref, ns, name)) as Obj,
    watch: (ref, ns, name, h) => watchObject(client, ref, ns, name, h),
    logs: async (req) => {
      const [{ LogsSession }, { LOG_OWNER_KINDS, ownerTargets, podTargets }] = await Promise.all([import('./logs/session.js'), import('./logs/targets.js')]);
      const obj = (await getObject(client, req.ref, req.namespace, req.name)) as Obj;
      const kind = req.ref.kind;
      const targets = kind === 'Pod' ? podTargets(obj, { container: req.container, all: req.all }) : LOG_OWNER_KINDS.has(kind) ? await ownerTargets(client, { ...obj, kind }, { all: req.all }) : [];
      if (!targets.length) throw new Error(`${kind.toLowerCase()}/${req.name} has no pods to read logs from`);
      const short = kind === 'Pod' ? 'po' : kind.toLowerCase();
      const session = new LogsSession({
        client, registry: opts.registry, context: opts.context, title: `logs ${short}/${req.name}${req.container ? `:${req.container}` : ''}`,
        targets, query: req.query, bufferLines: opts.bufferLines,
      });
      void session.start();
      return session;
    },
  };
}
