// The eviction subresource (POST pods/NAME/eviction, policy/v1 or v1beta1 Eviction): deletes a pod unless that
// would take a PodDisruptionBudget below its desired healthy pods, in which case the answer is 429, exactly as
// kube-apiserver's eviction REST (pkg/registry/core/pod/storage/eviction.go) words it; `kubectl drain` retries on it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterRuntime } from './api-server.js';
import type { ResourceRequestInfo } from './request-info.js';
import type { SimObject } from './types.js';
import { StatusError, badRequest, internalError, notFound } from './status.js';
import { parseJsonBody, readBody, sendJson } from './http.js';
import { decodeProtobufObject, isProtobufContentType } from './protobuf.js';
import { deleteObject } from './mutations.js';
import { PDB_KEY, computePdbStatus, isPodReady, selectedPods } from './disruption.js';

type DeleteOptions = Parameters<typeof deleteObject>[3];
type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function tooManyRequests(pdbName: string, why: string): StatusError {
  return new StatusError({
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 429, reason: 'TooManyRequests',
    message: "Cannot evict pod as it would violate the pod's disruption budget.",
    details: { causes: [{ reason: 'DisruptionBudget', message: why.replace('%s', pdbName) }] },
  });
}

/** Terminal, pending or already terminating pods are deleted without asking a budget (canIgnorePDB). */
function canIgnoreBudget(pod: SimObject): boolean {
  const phase = (pod.status as Any | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
}

export async function handleEviction(rt: ClusterRuntime, req: IncomingMessage, res: ServerResponse, info: ResourceRequestInfo): Promise<void> {
  const raw = await readBody(req);
  const body = (isProtobufContentType(req.headers['content-type']) ? decodeProtobufObject(raw) : parseJsonBody(raw)) as Any | undefined;
  if (!body || typeof body !== 'object') throw badRequest('the object provided is unrecognized (must be of type Eviction)');
  if (body.metadata?.name !== undefined && body.metadata.name !== info.name) throw badRequest('name in URL does not match name in Eviction object');
  const opts = (body.deleteOptions ?? {}) as DeleteOptions;
  const pod = rt.store.get('pods', info.namespace, info.name!);
  if (!pod) throw notFound('pods', '', info.name!);
  const dryRun = opts.dryRun?.includes('All') ?? false;

  if (!canIgnoreBudget(pod)) {
    const budgets = rt.store.list(PDB_KEY, info.namespace).filter((b) => selectedPods(rt.store, b).some((p) => p.metadata.uid === pod.metadata.uid));
    if (budgets.length > 1) throw internalError('This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
    const pdb = budgets[0];
    if (pdb) {
      // Decide from a fresh status, as if the disruption controller had just run.
      const status = computePdbStatus(rt.store, pdb);
      const generation = pdb.metadata.generation ?? 1;
      if (status.observedGeneration < generation) throw tooManyRequests(pdb.metadata.name, 'The disruption budget %s is still being processed by the server.');
      // An unready pod may go while the budget is met (unhealthyPodEvictionPolicy IfHealthyBudget, the default).
      const unhealthyAllowed = !isPodReady(pod) && status.currentHealthy >= status.desiredHealthy;
      if (!unhealthyAllowed) {
        if (status.disruptionsAllowed <= 0) {
          throw tooManyRequests(pdb.metadata.name, `The disruption budget %s needs ${status.desiredHealthy} healthy pods and has ${status.currentHealthy} currently`);
        }
        if (!dryRun) {
          const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
          const next = { ...status, disruptionsAllowed: status.disruptionsAllowed - 1, disruptedPods: { ...(status.disruptedPods ?? {}), [pod.metadata.name]: at } };
          rt.store.update(PDB_KEY, { ...pdb, status: next });
        }
      }
    }
  }
  if (!dryRun) deleteObject(rt, 'pods', pod, opts);
  sendJson(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}
