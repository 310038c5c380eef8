// One describer per built-in kind, each printing the sections `kubectl describe` prints, in its order.
// Pure: everything beyond the object (events, owned pods, replica sets, slices…) comes in DescribeInputs.
import { PrefixWriter, controllerOf, formatLabels, formatSelector, goList, labelLines, labelsMultiline, nameLines, orNone, rfc1123z, since, taintsMultiline, tolerationsMultiline, type Obj } from './writer.js';
import { describeContainers, describePodTemplate, describeVolumes, podEnvResolver } from './containers.js';
import { describeEvents } from './events.js';
import { canonicalQuantity, formatBytes, formatCpu, parseQuantity, sumQuantities } from './quantity.js';
import { humanDuration } from '../../api/duration.js';

export interface DescribeInputs {
  object: Obj;
  /** The object's events (undefined: not shown, e.g. secrets). */
  events?: Obj[];
  /** Pods the object controls (rs/sts/ds/job), runs (node) or mounts (pvc). */
  pods?: Obj[];
  replicaSets?: Obj[];
  endpointSlices?: Obj[];
  lease?: Obj | { error: string };
  resourceQuotas?: Obj[];
  limitRanges?: Obj[];
  now: number;
}

type Describer = (w: PrefixWriter, i: DescribeInputs) => void;

const meta = (o: Obj) => o.metadata ?? {};

function podStatusCounts(pods: Obj[] | undefined): string {
  const n = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 } as Record<string, number>;
  for (const p of pods ?? []) n[p.status?.phase] = (n[p.status?.phase] ?? 0) + 1;
  return `${n.Running} Running / ${n.Pending} Waiting / ${n.Succeeded} Succeeded / ${n.Failed} Failed`;
}

function conditionsTable(w: PrefixWriter, conditions: Obj[] | undefined): void {
  if (!conditions?.length) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(1, '----\t------\t------\n');
  for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

const pod: Describer = (w, { object: p, events, now }) => {
  const m = meta(p);
  const spec = p.spec ?? {};
  const st = p.status ?? {};
  nameLines(w, m);
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${st.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  labelLines(w, m);
  if (m.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${since(m.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${m.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${st.phase ?? ''}\n`);
  if (st.reason) w.write(0, `Reason:\t${st.reason}\n`);
  if (st.message) w.write(0, `Message:\t${st.message}\n`);
  w.write(0, `IP:\t${st.podIP ?? ''}\n`);
  const ips = (st.podIPs ?? []) as Obj[];
  if (!ips.length) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of ips) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const ctl = controllerOf(p);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  if (st.nominatedNodeName) w.write(0, `NominatedNodeName:\t${st.nominatedNodeName}\n`);
  const resolve = podEnvResolver(p);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, st.initContainerStatuses, resolve, '');
  describeContainers(w, 'Containers', spec.containers, st.containerStatuses, resolve, '');
  if (spec.ephemeralContainers?.length) describeContainers(w, 'Ephemeral Containers', spec.ephemeralContainers, st.ephemeralContainerStatuses, resolve, '');
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of st.conditions as Obj[]) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, '');
  w.write(0, `QoS Class:\t${st.qosClass ?? ''}\n`);
  labelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  tolerationsMultiline(w, 'Tolerations', spec.tolerations);
  describeEvents(w, events, now);
};

function rsSummary(list: Obj[]): string {
  return list.length ? list.map((rs) => `${meta(rs).name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') : '<none>';
}

const deployment: Describer = (w, { object: d, replicaSets, events, now }) => {
  const m = meta(d);
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  nameLines(w, m);
  w.write(0, `CreationTimestamp:\t${rfc1123z(m.creationTimestamp)}\n`);
  labelLines(w, m);
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  w.write(0, `Replicas:\t${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? ''} max unavailable, ${ru.maxSurge ?? ''} max surge\n`);
  describePodTemplate(w, spec.template);
  conditionsTable(w, st.conditions);
  if (replicaSets) {
    const revision = m.annotations?.['deployment.kubernetes.io/revision'];
    const hash = (rs: Obj) => meta(rs).labels?.['pod-template-hash'];
    const templateHash = spec.template?.metadata?.labels?.['pod-template-hash'];
    const isNew = (rs: Obj) => (templateHash ? hash(rs) === templateHash : meta(rs).annotations?.['deployment.kubernetes.io/revision'] === revision);
    const newest = replicaSets.filter(isNew);
    const fallback = newest.length ? newest : [...replicaSets].sort((a, b) => Number(meta(b).annotations?.['deployment.kubernetes.io/revision'] ?? 0) - Number(meta(a).annotations?.['deployment.kubernetes.io/revision'] ?? 0)).slice(0, 1);
    const old = replicaSets.filter((rs) => !fallback.includes(rs));
    w.write(0, `OldReplicaSets:\t${rsSummary(old)}\n`);
    w.write(0, `NewReplicaSet:\t${rsSummary(fallback)}\n`);
  }
  describeEvents(w, events, now);
};

const replicaSet: Describer = (w, { object: rs, pods, events, now }) => {
  const m = meta(rs);
  nameLines(w, m);
  w.write(0, `Selector:\t${formatSelector(rs.spec?.selector)}\n`);
  labelLines(w, m);
  const ctl = controllerOf(rs);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
  w.write(0, `Pods Status:\t${podStatusCounts(pods)}\n`);
  describePodTemplate(w, rs.spec?.template);
  conditionsTable(w, rs.status?.conditions);
  describeEvents(w, events, now);
};

const statefulSet: Describer = (w, { object: s, pods, events, now }) => {
  const m = meta(s);
  const spec = s.spec ?? {};
  nameLines(w, m);
  w.write(0, `CreationTimestamp:\t${rfc1123z(m.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  labelLines(w, m);
  w.write(0, `Replicas:\t${spec.replicas ?? 1} desired | ${s.status?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.write(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(0, `Pods Status:\t${podStatusCounts(pods)}\n`);
  describePodTemplate(w, spec.template);
  const claims = (spec.volumeClaimTemplates ?? []) as Obj[];
  if (!claims.length) w.write(0, 'Volume Claims:\t<none>\n');
  else {
    w.write(0, 'Volume Claims:\n');
    for (const c of claims) {
      w.write(1, `Name:\t${meta(c).name}\n`);
      w.write(1, `StorageClass:\t${c.spec?.storageClassName ?? meta(c).annotations?.['volume.beta.kubernetes.io/storage-class'] ?? ''}\n`);
      labelsMultiline(w, 'Labels', meta(c).labels, '  ');
      labelsMultiline(w, 'Annotations', meta(c).annotations, '  ');
      w.write(1, `Capacity:\t${c.spec?.resources?.requests?.storage !== undefined ? canonicalQuantity(c.spec.resources.requests.storage) : '<default>'}\n`);
      w.write(1, `Access Modes:\t${goList(c.spec?.accessModes)}\n`);
    }
  }
  describeEvents(w, events, now);
};

const daemonSet: Describer = (w, { object: d, pods, events, now }) => {
  const m = meta(d);
  const st = d.status ?? {};
  nameLines(w, m, { namespace: false });
  w.write(0, `Selector:\t${formatSelector(d.spec?.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(d.spec?.template?.spec?.nodeSelector)}\n`);
  labelLines(w, m);
  w.write(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${podStatusCounts(pods)}\n`);
  describePodTemplate(w, d.spec?.template);
  describeEvents(w, events, now);
};

const job: Describer = (w, { object: j, events, now }) => {
  const m = meta(j);
  const spec = j.spec ?? {};
  const st = j.status ?? {};
  nameLines(w, m);
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  labelLines(w, m);
  const ctl = controllerOf(j);
  if (ctl) w.write(0, `Controlled By:\t${ctl}\n`);
  w.write(0, `Parallelism:\t${spec.parallelism ?? 1}\n`);
  w.write(0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
  if (spec.completionMode) w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
  w.write(0, `Suspend:\t${!!spec.suspend}\n`);
  w.write(0, `Backoff Limit:\t${spec.backoffLimit ?? 6}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined) w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) w.write(0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
  if (st.startTime && st.completionTime) w.write(0, `Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}\n`);
  if (spec.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  w.write(0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready ?? 0} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  if (spec.completionMode === 'Indexed') w.write(0, `Completed Indexes:\t${st.completedIndexes || '<none>'}\n`);
  describePodTemplate(w, spec.template);
  describeEvents(w, events, now);
};

/** "10.244.1.5:8080,10.244.2.3:8080 + 2 more..." from the service's EndpointSlices, for one port name. */
function endpointsFor(slices: Obj[] | undefined, portName: string): string {
  const list: string[] = [];
  for (const s of slices ?? []) {
    for (const p of (s.ports ?? []) as Obj[]) {
      if ((p.name ?? '') !== portName) continue;
      for (const e of (s.endpoints ?? []) as Obj[]) {
        if (e.conditions?.ready === false) continue;
        for (const a of (e.addresses ?? []) as string[]) list.push(`${a.includes(':') ? `[${a}]` : a}:${p.port}`);
      }
    }
  }
  if (!list.length) return '<none>';
  return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
}

const service: Describer = (w, { object: s, endpointSlices, events, now }) => {
  const m = meta(s);
  const spec = s.spec ?? {};
  nameLines(w, m);
  labelLines(w, m);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? 'ClusterIP'}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  if (spec.ipFamilies?.length) w.write(0, `IP Families:\t${spec.ipFamilies.join(',')}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  if (spec.clusterIPs?.length) w.write(0, `IPs:\t${spec.clusterIPs.join(',')}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = ((s.status?.loadBalancer?.ingress ?? []) as Obj[]).map((i) => i.ip || i.hostname).filter(Boolean);
  if (ingress.length) w.write(0, `LoadBalancer Ingress:\t${ingress.join(', ')}\n`);
  for (const p of (spec.ports ?? []) as Obj[]) {
    const name = p.name || '<unset>';
    w.write(0, `Port:\t${name}\t${p.port}/${p.protocol ?? 'TCP'}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol ?? 'TCP'}\n`);
    w.write(0, `Endpoints:\t${endpointsFor(endpointSlices, p.name ?? '')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec.loadBalancerSourceRanges?.length) w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  describeEvents(w, events, now);
};

/** A pod's requests and limits: the sum over containers, at least the largest init container, plus overhead. */
function podResources(p: Obj, kind: 'requests' | 'limits', resource: string): string[] {
  const of = (c: Obj) => c.resources?.[kind]?.[resource] as string | undefined;
  const main = sumQuantities(((p.spec?.containers ?? []) as Obj[]).map(of));
  let value = main.value;
  for (const c of (p.spec?.initContainers ?? []) as Obj[]) value = Math.max(value, parseQuantity(of(c)).value);
  const overhead = p.spec?.overhead?.[resource];
  if (overhead) value += parseQuantity(overhead).value;
  return value ? [String(value)] : [];
}

const node: Describer = (w, { object: n, pods, lease, events, now }) => {
  const m = meta(n);
  const spec = n.spec ?? {};
  const st = n.status ?? {};
  nameLines(w, m, { namespace: false });
  const roles = Object.keys(m.labels ?? {}).flatMap((k) => (k.startsWith('node-role.kubernetes.io/') ? [k.slice(24)] : k === 'kubernetes.io/role' ? [m.labels[k]] : [])).filter(Boolean).sort();
  w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  labelLines(w, m);
  w.write(0, `CreationTimestamp:\t${rfc1123z(m.creationTimestamp)}\n`);
  taintsMultiline(w, 'Taints', spec.taints);
  w.write(0, `Unschedulable:\t${!!spec.unschedulable}\n`);
  if (lease && 'error' in lease) w.write(0, `Lease:\tFailed to get lease: ${lease.error}\n`);
  else if (lease) {
    w.write(0, 'Lease:\n');
    w.write(1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.write(1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
    w.write(1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  }
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions as Obj[]) w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  w.write(0, 'Addresses:\n');
  for (const a of (st.addresses ?? []) as Obj[]) w.write(1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [['Capacity', st.capacity], ['Allocatable', st.allocatable]] as const) {
    const keys = Object.keys(list ?? {}).sort();
    if (!keys.length) continue;
    w.write(0, `${title}:\n`);
    for (const k of keys) w.write(0, `  ${k}:\t${canonicalQuantity(list[k])}\n`);
  }
  const info = st.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  for (const [label, key] of [['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'], ['OS Image', 'osImage'], ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'], ['Container Runtime Version', 'containerRuntimeVersion'], ['Kubelet Version', 'kubeletVersion'], ['Kube-Proxy Version', 'kubeProxyVersion']]) {
    w.write(0, `  ${label}:\t${info[key] ?? ''}\n`);
  }
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
  if (spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
  if (!pods) w.write(0, 'Pods:\tnot authorized\n');
  else {
    const alloc = Object.keys(st.allocatable ?? {}).length ? st.allocatable : st.capacity ?? {};
    const cpuAlloc = parseQuantity(alloc.cpu).value;
    const memAlloc = parseQuantity(alloc.memory).value;
    const pct = (v: number, of: number) => (of ? Math.trunc((v / of) * 100) : 0);
    const cpu = (p: Obj, k: 'requests' | 'limits') => sumQuantities(podResources(p, k, 'cpu')).value;
    const mem = (p: Obj, k: 'requests' | 'limits') => sumQuantities(podResources(p, k, 'memory')).value;
    const memText = (v: number) => formatBytes({ value: v, binary: true });
    w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
    w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
    w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
    const totals = { cr: 0, cl: 0, mr: 0, ml: 0 };
    for (const p of pods) {
      const [cr, cl, mr, ml] = [cpu(p, 'requests'), cpu(p, 'limits'), mem(p, 'requests'), mem(p, 'limits')];
      totals.cr += cr; totals.cl += cl; totals.mr += mr; totals.ml += ml;
      w.write(1, `${meta(p).namespace}\t${meta(p).name}\t\t${formatCpu(cr)} (${pct(cr, cpuAlloc)}%)\t${formatCpu(cl)} (${pct(cl, cpuAlloc)}%)\t${memText(mr)} (${pct(mr, memAlloc)}%)\t${memText(ml)} (${pct(ml, memAlloc)}%)\t${since(meta(p).creationTimestamp, now)}\n`);
    }
    w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
    w.write(1, 'Resource\tRequests\tLimits\n');
    w.write(1, '--------\t--------\t------\n');
    w.write(1, `cpu\t${formatCpu(totals.cr)} (${pct(totals.cr, cpuAlloc)}%)\t${formatCpu(totals.cl)} (${pct(totals.cl, cpuAlloc)}%)\n`);
    w.write(1, `memory\t${memText(totals.mr)} (${pct(totals.mr, memAlloc)}%)\t${memText(totals.ml)} (${pct(totals.ml, memAlloc)}%)\n`);
    w.write(1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
    for (const k of Object.keys(alloc).filter((k) => k.startsWith('hugepages-') || k.includes('/')).sort()) w.write(1, `${k}\t0 (0%)\t0 (0%)\n`);
  }
  describeEvents(w, events, now);
};

const namespace: Describer = (w, { object: ns, resourceQuotas, limitRanges }) => {
  const m = meta(ns);
  nameLines(w, m, { namespace: false });
  labelLines(w, m);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  if (resourceQuotas) {
    w.write(0, '\n');
    if (!resourceQuotas.length) w.write(0, 'No resource quota.\n');
    else {
      w.write(0, 'Resource Quotas\n');
      for (const q of resourceQuotas) {
        w.write(0, ` Name:\t${meta(q).name}\n`);
        w.write(0, ' Resource\tUsed\tHard\n');
        w.write(0, ' --------\t---\t---\n');
        const hard = q.status?.hard ?? q.spec?.hard ?? {};
        for (const k of Object.keys(hard).sort()) w.write(0, ` ${k}\t${q.status?.used?.[k] ?? '0'}\t${hard[k]}\n`);
      }
    }
  }
  if (limitRanges) {
    w.write(0, '\n');
    if (!limitRanges.length) w.write(0, 'No LimitRange resource.\n');
    else {
      w.write(0, 'Resource Limits\n');
      w.write(0, ' Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
      w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
      for (const lr of limitRanges) {
        for (const item of (lr.spec?.limits ?? []) as Obj[]) {
          const keys = new Set([...Object.keys(item.min ?? {}), ...Object.keys(item.max ?? {}), ...Object.keys(item.default ?? {}), ...Object.keys(item.defaultRequest ?? {}), ...Object.keys(item.maxLimitRequestRatio ?? {})]);
          for (const k of [...keys].sort()) {
            const v = (o: Obj | undefined) => o?.[k] ?? '-';
            w.write(0, ` ${item.type}\t${k}\t${v(item.min)}\t${v(item.max)}\t${v(item.defaultRequest)}\t${v(item.default)}\t${v(item.maxLimitRequestRatio)}\n`);
          }
        }
      }
    }
  }
};

const configMap: Describer = (w, { object: cm, events, now }) => {
  const m = meta(cm);
  nameLines(w, m);
  labelLines(w, m);
  w.write(0, '\nData\n====\n');
  // kubectl walks a Go map here (a random order each run); we sort.
  for (const k of Object.keys(cm.data ?? {}).sort()) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${cm.data[k]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  for (const k of Object.keys(cm.binaryData ?? {}).sort()) w.write(0, `${k}: ${Buffer.from(cm.binaryData[k], 'base64').length} bytes\n`);
  w.write(0, '\n');
  describeEvents(w, events, now);
};

/** Secrets: only the size of each value, never the value (kubectl prints a service-account token; we do not). */
const secret: Describer = (w, { object: s }) => {
  const m = meta(s);
  nameLines(w, m);
  labelLines(w, m);
  w.write(0, `\nType:\t${s.type ?? ''}\n`);
  w.write(0, '\nData\n====\n');
  for (const [k, v] of Object.entries((s.data ?? {}) as Record<string, string>)) w.write(0, `${k}:\t${Buffer.from(v, 'base64').length} bytes\n`);
};

const ACCESS_SHORT: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

const pvc: Describer = (w, { object: c, pods, events, now }) => {
  const m = meta(c);
  const spec = c.spec ?? {};
  const st = c.status ?? {};
  nameLines(w, m);
  w.write(0, `StorageClass:\t${spec.storageClassName ?? ''}\n`);
  if (spec.volumeAttributesClassName) w.write(0, `VolumeAttributesClass:\t${spec.volumeAttributesClassName}\n`);
  w.write(0, m.deletionTimestamp ? `Status:\tTerminating (lasts ${since(m.deletionTimestamp, now)})\n` : `Status:\t${st.phase ?? ''}\n`);
  w.write(0, `Volume:\t${spec.volumeName ?? ''}\n`);
  labelLines(w, m);
  w.write(0, `Finalizers:\t${goList(m.finalizers)}\n`);
  const bound = !!spec.volumeName;
  w.write(0, `Capacity:\t${bound ? canonicalQuantity(st.capacity?.storage) : ''}\n`);
  w.write(0, `Access Modes:\t${bound ? ((st.accessModes ?? []) as string[]).map((a) => ACCESS_SHORT[a] ?? a).join(',') : ''}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(0, 'DataSource:\n');
    if (spec.dataSource.apiGroup) w.write(1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(1, `Kind:\t${spec.dataSource.kind}\n`);
    w.write(1, `Name:\t${spec.dataSource.name}\n`);
  }
  const users = (pods ?? []).map((p) => meta(p).name as string);
  w.write(0, `Used By:\t${users.length ? users[0] : '<none>'}\n`);
  for (const u of users.slice(1)) w.write(0, `\t${u}\n`);
  describeEvents(w, events, now);
};

const serviceAccount: Describer = (w, { object: sa, events, now }) => {
  const m = meta(sa);
  nameLines(w, m);
  labelLines(w, m);
  const names = (xs: Obj[] | undefined) => (xs ?? []).map((x) => x.name as string);
  for (const [header, list] of [['Image pull secrets:', names(sa.imagePullSecrets)], ['Mountable secrets: ', names(sa.secrets)], ['Tokens:            ', []]] as const) {
    if (!list.length) w.write(0, `${header}\t<none>\n`);
    list.forEach((n, i) => w.write(0, `${i ? ' '.repeat(19) : header}\t${n}\n`));
  }
  describeEvents(w, events, now);
};

export const DESCRIBERS: Record<string, Describer> = {
  Pod: pod,
  Deployment: deployment,
  ReplicaSet: replicaSet,
  StatefulSet: statefulSet,
  DaemonSet: daemonSet,
  Job: job,
  Service: service,
  Node: node,
  Namespace: namespace,
  ConfigMap: configMap,
  Secret: secret,
  PersistentVolumeClaim: pvc,
  ServiceAccount: serviceAccount,
};

export { orNone };
