// What describe needs beyond the object, fetched as kubectl describe fetches it: the object's events (by
// involvedObject field selector), the pods a controller owns, a deployment's replica sets, a service's
// EndpointSlices, a node's non-terminated pods and lease, a namespace's quotas and limit ranges, a claim's users.
import type { KubeClient } from '../../transport/types.js';
import type { ResourceRef } from '../../api/catalogue.js';
import { getObject, readJson, resourcePath } from '../../api/requests.js';
import { ApiStatusError } from '../../errors.js';
import type { DescribeInputs } from './kinds.js';
import type { Obj } from './writer.js';
import { formatSelector } from './writer.js';

interface List {
  items?: Obj[];
}

const list = async (client: KubeClient, path: string, query: Record<string, string> = {}): Promise<Obj[]> =>
  (await readJson<List>(client, { path, query })).items ?? [];

const owned = (items: Obj[], uid: string) => items.filter((o) => ((o.metadata?.ownerReferences ?? []) as Obj[]).some((r) => r.uid === uid && r.controller));

/** A selector for listing, or undefined when it selects nothing ("<none>"). */
const selectorQuery = (sel: Obj | undefined) => {
  const s = formatSelector(sel);
  return s === '<none>' ? undefined : s;
};

export async function eventsFor(client: KubeClient, obj: Obj): Promise<Obj[]> {
  const m = obj.metadata ?? {};
  const fields = [`involvedObject.name=${m.name}`, ...(m.namespace ? [`involvedObject.namespace=${m.namespace}`] : []), `involvedObject.kind=${obj.kind}`, ...(m.uid ? [`involvedObject.uid=${m.uid}`] : [])];
  const path = m.namespace ? `/api/v1/namespaces/${encodeURIComponent(m.namespace)}/events` : '/api/v1/events';
  return list(client, path, { fieldSelector: fields.join(',') });
}

/** Fetches the object and everything its describer shows. A part we may not read is left out, as kubectl does. */
export async function gatherDescribe(client: KubeClient, ref: ResourceRef, namespace: string | undefined, name: string, now = Date.now()): Promise<DescribeInputs> {
  const object = (await getObject(client, ref, namespace, name)) as Obj;
  const inputs: DescribeInputs = { object, now };
  const ns = object.metadata?.namespace as string | undefined;
  const uid = object.metadata?.uid as string;
  const nsPath = (res: string, group = '') => `${group ? `/apis/${group}` : '/api/v1'}/namespaces/${encodeURIComponent(ns ?? '')}/${res}`;
  const soft = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ApiStatusError) return undefined;
      throw err;
    }
  };
  const kind = `${ref.group}/${ref.kind}`;
  const tasks: Promise<unknown>[] = [];
  if (ref.kind !== 'Secret' && ref.kind !== 'Namespace') tasks.push(soft(() => eventsFor(client, object)).then((e) => (inputs.events = e ?? [])));
  const podsOfSelector = async (sel: Obj | undefined) => {
    const q = selectorQuery(sel);
    return q ? owned(await list(client, nsPath('pods'), { labelSelector: q }), uid) : [];
  };
  switch (kind) {
    case 'apps/Deployment': {
      const q = selectorQuery(object.spec?.selector);
      tasks.push(soft(async () => (q ? owned(await list(client, nsPath('replicasets', 'apps/v1'), { labelSelector: q }), uid) : [])).then((r) => (inputs.replicaSets = r)));
      break;
    }
    case 'apps/ReplicaSet':
    case 'apps/StatefulSet':
    case 'apps/DaemonSet':
    case 'batch/Job':
      tasks.push(soft(() => podsOfSelector(object.spec?.selector)).then((p) => (inputs.pods = p)));
      break;
    case '/Service':
      tasks.push(soft(() => list(client, nsPath('endpointslices', 'discovery.k8s.io/v1'), { labelSelector: `kubernetes.io/service-name=${name}` })).then((s) => (inputs.endpointSlices = s ?? [])));
      break;
    case '/Node':
      tasks.push(soft(() => list(client, '/api/v1/pods', { fieldSelector: `spec.nodeName=${name},status.phase!=Failed,status.phase!=Succeeded` })).then((p) => (inputs.pods = p)));
      tasks.push(
        readJson<Obj>(client, { path: `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${encodeURIComponent(name)}` })
          .then((l) => (inputs.lease = l))
          .catch((err) => {
            if (err instanceof ApiStatusError) inputs.lease = { error: err.message };
            else throw err;
          }),
      );
      break;
    case '/Namespace':
      tasks.push(soft(() => list(client, `/api/v1/namespaces/${encodeURIComponent(name)}/resourcequotas`)).then((q) => (inputs.resourceQuotas = q)));
      tasks.push(soft(() => list(client, `/api/v1/namespaces/${encodeURIComponent(name)}/limitranges`)).then((l) => (inputs.limitRanges = l)));
      break;
    case '/PersistentVolumeClaim':
      tasks.push(soft(async () => (await list(client, nsPath('pods'))).filter((p) => ((p.spec?.volumes ?? []) as Obj[]).some((v) => v.persistentVolumeClaim?.claimName === name))).then((p) => (inputs.pods = p)));
      break;
  }
  await Promise.all(tasks);
  return inputs;
}

export { resourcePath };
