// Row printers of the built-in kinds other than pods, each mirroring its kube-apiserver printer
// (the server always computes the wide cells; kubectl hides priority-1 columns itself).
import type { SimObject } from '../types.js';
import { humanDuration, since } from './duration.js';
import type { TableRow } from './pod.js';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (!keys.length) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** metav1.FormatLabelSelector: "<none>" for nil/empty, else matchLabels then expressions. */
export function formatLabelSelector(sel: Any | undefined): string {
  if (!sel) return '<none>';
  const parts: string[] = [];
  for (const k of Object.keys(sel.matchLabels ?? {}).sort()) parts.push(`${k}=${sel.matchLabels[k]}`);
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    switch (e.operator) {
      case 'In':
        parts.push(`${e.key} in (${values})`);
        break;
      case 'NotIn':
        parts.push(`${e.key} notin (${values})`);
        break;
      case 'Exists':
        parts.push(e.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${e.key}`);
        break;
    }
  }
  const s = parts.join(',');
  return s === '' ? '<none>' : s;
}

/** labels.Selector.String() of a LabelSelector (deployments): sorted by key, "" when empty. */
function selectorString(sel: Any | undefined): string {
  const s = formatLabelSelector(sel);
  return s === '<none>' ? '' : s;
}

function containerCells(containers: { name: string; image: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image).join(',')];
}

const age = (o: SimObject, now: number) => since(o.metadata.creationTimestamp, now);

function hasCondition(conditions: Any[] | undefined, type: string): boolean {
  const c = (conditions ?? []).find((x) => x.type === type);
  return c?.status === 'True';
}

export function printDeployment(o: SimObject, now: number): TableRow {
  const spec = o.spec as Any;
  const status = (o.status ?? {}) as Any;
  const [names, images] = containerCells(spec.template?.spec?.containers);
  return {
    cells: [o.metadata.name, `${num(status.readyReplicas)}/${num(spec.replicas)}`, num(status.updatedReplicas), num(status.availableReplicas), age(o, now), names, images, selectorString(spec.selector)],
  };
}

export function printReplicaSet(o: SimObject, now: number): TableRow {
  const spec = o.spec as Any;
  const status = (o.status ?? {}) as Any;
  const [names, images] = containerCells(spec.template?.spec?.containers);
  return { cells: [o.metadata.name, num(spec.replicas), num(status.replicas), num(status.readyReplicas), age(o, now), names, images, formatLabelSelector(spec.selector)] };
}

export function printStatefulSet(o: SimObject, now: number): TableRow {
  const spec = o.spec as Any;
  const status = (o.status ?? {}) as Any;
  const [names, images] = containerCells(spec.template?.spec?.containers);
  return { cells: [o.metadata.name, `${num(status.readyReplicas)}/${num(spec.replicas)}`, age(o, now), names, images] };
}

export function printDaemonSet(o: SimObject, now: number): TableRow {
  const spec = o.spec as Any;
  const s = (o.status ?? {}) as Any;
  const [names, images] = containerCells(spec.template?.spec?.containers);
  return {
    cells: [
      o.metadata.name,
      num(s.desiredNumberScheduled),
      num(s.currentNumberScheduled),
      num(s.numberReady),
      num(s.updatedNumberScheduled),
      num(s.numberAvailable),
      formatLabels(spec.template?.spec?.nodeSelector),
      age(o, now),
      names,
      images,
      formatLabelSelector(spec.selector),
    ],
  };
}

export function printJob(o: SimObject, now: number): TableRow {
  const spec = o.spec as Any;
  const s = (o.status ?? {}) as Any;
  let completions: string;
  if (typeof spec.completions === 'number') completions = `${num(s.succeeded)}/${spec.completions}`;
  else if (num(spec.parallelism) > 1) completions = `${num(s.succeeded)}/1 of ${spec.parallelism}`;
  else completions = `${num(s.succeeded)}/1`;
  let duration = '';
  const start = s.startTime ? Date.parse(s.startTime) : NaN;
  if (!Number.isNaN(start)) {
    const end = s.completionTime ? Date.parse(s.completionTime) : NaN;
    duration = humanDuration((Number.isNaN(end) ? now : end) - start);
  }
  let status = 'Running';
  if (hasCondition(s.conditions, 'Complete')) status = 'Complete';
  else if (hasCondition(s.conditions, 'Failed')) status = 'Failed';
  else if (o.metadata.deletionTimestamp) status = 'Terminating';
  else if (hasCondition(s.conditions, 'Suspended')) status = 'Suspended';
  else if (hasCondition(s.conditions, 'FailureTarget')) status = 'FailureTarget';
  const [names, images] = containerCells(spec.template?.spec?.containers);
  return { cells: [o.metadata.name, status, completions, duration, age(o, now), names, images, formatLabelSelector(spec.selector)] };
}

export function printCronJob(o: SimObject, now: number): TableRow {
  const spec = o.spec as Any;
  const s = (o.status ?? {}) as Any;
  const last = s.lastScheduleTime ? since(s.lastScheduleTime, now) : '<none>';
  const suspend = typeof spec.suspend === 'boolean' ? (spec.suspend ? 'True' : 'False') : '<unset>';
  const [names, images] = containerCells(spec.jobTemplate?.spec?.template?.spec?.containers);
  return {
    cells: [o.metadata.name, spec.schedule ?? '', spec.timeZone ?? '<none>', suspend, (s.active ?? []).length, last, age(o, now), names, images, formatLabelSelector(spec.jobTemplate?.spec?.selector)],
  };
}

function loadBalancerText(ingress: Any[] | undefined, wide: boolean): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  const r = [...set].sort().join(',');
  return !wide && r.length > 16 ? r.slice(0, 13) + '...' : r;
}

function serviceExternalIP(spec: Any, status: Any): string {
  const external: string[] = spec.externalIPs ?? [];
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      // The server prints the wide form (GenerateOptions{Wide: true}).
      const lb = loadBalancerText(status.loadBalancer?.ingress, true);
      if (external.length) return [...(lb ? lb.split(',') : []), ...external].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

export function printService(o: SimObject, now: number): TableRow {
  const spec = o.spec as Any;
  const status = (o.status ?? {}) as Any;
  const ports = (spec.ports ?? []).map((p: Any) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',');
  return {
    cells: [o.metadata.name, spec.type ?? '', spec.clusterIPs?.[0] ?? '<none>', serviceExternalIP(spec, status), ports || '<none>', age(o, now), formatLabels(spec.selector)],
  };
}

export function formatEndpoints(o: SimObject): string {
  const subsets = (o.subsets ?? []) as Any[];
  if (!subsets.length) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses: Any[] = ss.addresses ?? [];
    const ports: Any[] = ss.ports ?? [];
    if (!ports.length) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip.includes(':') ? `[${a.ip}]:${port.port}` : `${a.ip}:${port.port}`);
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export function printEndpoints(o: SimObject, now: number): TableRow {
  return { cells: [o.metadata.name, formatEndpoints(o), age(o, now)] };
}

function nodeRoles(labels: Record<string, string> | undefined): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

export function printNode(o: SimObject, now: number): TableRow {
  const spec = (o.spec ?? {}) as Any;
  const status = (o.status ?? {}) as Any;
  const parts: string[] = [];
  const ready = (status.conditions ?? []).find((c: Any) => c.type === 'Ready');
  if (ready) parts.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (!parts.length) parts.push('Unknown');
  if (spec.unschedulable) parts.push('SchedulingDisabled');
  const info = status.nodeInfo ?? {};
  const addr = (type: string) => (status.addresses ?? []).find((a: Any) => a.type === type)?.address ?? '<none>';
  return {
    cells: [
      o.metadata.name,
      parts.join(','),
      nodeRoles(o.metadata.labels),
      age(o, now),
      info.kubeletVersion ?? '',
      addr('InternalIP'),
      addr('ExternalIP'),
      info.osImage || '<unknown>',
      info.kernelVersion || '<unknown>',
      info.containerRuntimeVersion || '<unknown>',
    ],
  };
}

export function printEvent(o: SimObject, now: number): TableRow {
  const e = o as Any;
  const firstTimestamp = e.firstTimestamp ? since(e.firstTimestamp, now) : since(e.eventTime, now);
  let lastTimestamp = e.lastTimestamp ? since(e.lastTimestamp, now) : firstTimestamp;
  let count = num(e.count);
  if (e.series) {
    lastTimestamp = since(e.series.lastObservedTime, now);
    count = num(e.series.count);
  } else if (count === 0) count = 1;
  const inv = e.involvedObject ?? {};
  const target = inv.name ? `${String(inv.kind ?? '').toLowerCase()}/${inv.name}` : String(inv.kind ?? '').toLowerCase();
  const component = e.source?.component || e.reportingComponent || e.reportingController || '';
  const instance = e.source?.host || e.reportingInstance || '';
  const source = instance ? `${component}, ${instance}` : component;
  return { cells: [lastTimestamp, e.type ?? '', e.reason ?? '', target, inv.fieldPath ?? '', source, String(e.message ?? '').trim(), firstTimestamp, count, o.metadata.name] };
}

export function printNamespace(o: SimObject, now: number): TableRow {
  return { cells: [o.metadata.name, (o.status as Any | undefined)?.phase ?? '', age(o, now)] };
}

export function printSecret(o: SimObject, now: number): TableRow {
  return { cells: [o.metadata.name, (o.type as string | undefined) ?? '', Object.keys((o.data as object | undefined) ?? {}).length, age(o, now)] };
}

export function printConfigMap(o: SimObject, now: number): TableRow {
  const n = Object.keys((o.data as object | undefined) ?? {}).length + Object.keys((o.binaryData as object | undefined) ?? {}).length;
  return { cells: [o.metadata.name, n, age(o, now)] };
}

export function printServiceAccount(o: SimObject, now: number): TableRow {
  return { cells: [o.metadata.name, ((o.secrets as unknown[] | undefined) ?? []).length, age(o, now)] };
}

const ACCESS_MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

/** helper.GetAccessModesAsString: each mode once, in a fixed order. */
function accessModes(modes: string[] | undefined): string {
  const set = new Set(modes ?? []);
  return ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'].filter((m) => set.has(m)).map((m) => ACCESS_MODES[m]).join(',');
}

function storageClassOf(o: SimObject): string {
  const spec = (o.spec ?? {}) as Any;
  return spec.storageClassName ?? o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
}

export function printPersistentVolume(o: SimObject, now: number): TableRow {
  const spec = (o.spec ?? {}) as Any;
  const status = (o.status ?? {}) as Any;
  const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
  const phase = o.metadata.deletionTimestamp ? 'Terminating' : status.phase ?? '';
  return {
    cells: [
      o.metadata.name,
      spec.capacity?.storage ?? '0',
      accessModes(spec.accessModes),
      spec.persistentVolumeReclaimPolicy ?? '',
      phase,
      claim,
      storageClassOf(o),
      spec.volumeAttributesClassName ?? '<unset>',
      status.reason ?? '',
      age(o, now),
      spec.volumeMode ?? '<unset>',
    ],
  };
}

export function printPersistentVolumeClaim(o: SimObject, now: number): TableRow {
  const spec = (o.spec ?? {}) as Any;
  const status = (o.status ?? {}) as Any;
  const phase = o.metadata.deletionTimestamp ? 'Terminating' : status.phase ?? '';
  let capacity = '';
  let modes = '';
  if (spec.volumeName) {
    modes = accessModes(status.accessModes);
    capacity = status.capacity?.storage ?? '0';
  }
  return {
    cells: [o.metadata.name, phase, spec.volumeName ?? '', capacity, modes, storageClassOf(o), spec.volumeAttributesClassName ?? '<unset>', age(o, now), spec.volumeMode ?? '<unset>'],
  };
}

export function printIngress(o: SimObject, now: number): TableRow {
  const spec = (o.spec ?? {}) as Any;
  const status = (o.status ?? {}) as Any;
  const rules: Any[] = spec.rules ?? [];
  const hosts: string[] = [];
  let more = false;
  for (const r of rules) {
    if (hosts.length === 3) more = true;
    if (!more && r.host) hosts.push(r.host);
  }
  let hostText = hosts.length ? hosts.join(',') : '*';
  if (hosts.length && more) hostText = `${hostText} + ${rules.length - 3} more...`;
  const ports = (spec.tls ?? []).length ? '80, 443' : '80';
  return { cells: [o.metadata.name, spec.ingressClassName ?? '<none>', hostText, loadBalancerText(status.loadBalancer?.ingress, true), ports, age(o, now)] };
}

/** printPodDisruptionBudget: min available / max unavailable as given ("N/A" when unset), allowed disruptions. */
export function printPodDisruptionBudget(o: SimObject, now: number): TableRow {
  const spec = (o.spec ?? {}) as Any;
  const status = (o.status ?? {}) as Any;
  const intstr = (v: unknown) => (v === undefined || v === null ? 'N/A' : String(v));
  return { cells: [o.metadata.name, intstr(spec.minAvailable), intstr(spec.maxUnavailable), num(status.disruptionsAllowed), age(o, now)] };
}
