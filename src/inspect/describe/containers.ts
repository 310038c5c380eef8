// Containers, volumes and pod templates as kubectl describe prints them (describeContainers, describeVolumes,
// DescribePodTemplate). Shared by the pod describer and every workload describer.
import { canonicalQuantity } from './quantity.js';
import { PrefixWriter, annotationsMultiline, goValue, labelsMultiline, orNone, rfc1123z, tolerationsMultiline, type Obj } from './writer.js';

/** Resolves a fieldRef env var for a live pod (kubectl's EnvValueRetriever); templates pass none. */
export type EnvResolver = (fieldPath: string) => string;

export function podEnvResolver(pod: Obj): EnvResolver {
  return (path) => {
    const m = pod.metadata ?? {};
    switch (path) {
      case 'metadata.name': return m.name ?? '';
      case 'metadata.namespace': return m.namespace ?? '';
      case 'metadata.uid': return m.uid ?? '';
      case 'spec.nodeName': return pod.spec?.nodeName ?? '';
      case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
      case 'status.hostIP': return pod.status?.hostIP ?? '';
      case 'status.podIP': return pod.status?.podIP ?? '';
      case 'status.podIPs': return ((pod.status?.podIPs ?? []) as Obj[]).map((p) => p.ip).join(',');
      default: {
        const lab = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
        return lab ? m[lab[1]]?.[lab[2]] ?? '' : '';
      }
    }
  };
}

const ports = (list: Obj[] | undefined, field: 'containerPort' | 'hostPort') =>
  (list ?? []).map((p) => `${p[field] ?? 0}/${p.protocol ?? 'TCP'}`).join(',');

/** DescribeProbe: "http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3". */
export function describeProbe(p: Obj): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const h = p.httpGet;
    const port = h.port === undefined ? '' : String(h.port);
    const host = h.host ?? '';
    const hostPort = port ? `${host.includes(':') ? `[${host}]` : host}:${port}` : host;
    return `http-get ${String(h.scheme ?? 'HTTP').toLowerCase()}://${hostPort}${h.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeState(w: PrefixWriter, name: string, state: Obj | undefined): void {
  if (state?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if (t.signal > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
    if (state?.waiting?.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  }
}

export function describeResources(w: PrefixWriter, resources: Obj | undefined, level: number): void {
  for (const [title, list] of [['Limits', resources?.limits], ['Requests', resources?.requests]] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (!names.length) continue;
    w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${canonicalQuantity(list[n])}\n`);
  }
}

function describeEnv(w: PrefixWriter, c: Obj, resolve: EnvResolver | undefined): void {
  const env = (c.env ?? []) as Obj[];
  w.write(2, `Environment:${env.length ? '' : '\t<none>'}\n`);
  for (const e of env) {
    const vf = e.valueFrom;
    if (!vf) {
      String(e.value ?? '').split('\n').forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
    } else if (vf.fieldRef) {
      w.write(3, `${e.name}:\t${resolve ? resolve(vf.fieldRef.fieldPath) : ''} (${vf.fieldRef.apiVersion ?? 'v1'}:${vf.fieldRef.fieldPath})\n`);
    } else if (vf.resourceFieldRef) {
      w.write(3, `${e.name}:\t (${vf.resourceFieldRef.resource})\n`);
    } else if (vf.secretKeyRef) {
      w.write(3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name}'>\tOptional: ${!!vf.secretKeyRef.optional}\n`);
    } else if (vf.configMapKeyRef) {
      w.write(3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name}'>\tOptional: ${!!vf.configMapKeyRef.optional}\n`);
    }
  }
}

function describeEnvFrom(w: PrefixWriter, c: Obj): void {
  w.write(2, 'Environment Variables from:\n');
  for (const e of c.envFrom as Obj[]) {
    const ref = e.configMapRef ?? e.secretRef ?? {};
    const from = e.configMapRef ? 'ConfigMap' : 'Secret';
    w.write(3, `${ref.name ?? ''}\t${from}${e.prefix ? ` with prefix '${e.prefix}'` : ''}\tOptional: ${!!ref.optional}\n`);
  }
}

function describeMounts(w: PrefixWriter, c: Obj): void {
  const mounts = [...((c.volumeMounts ?? []) as Obj[])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  w.write(2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])];
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
}

/** The Containers (or Init Containers) section; `space` is "  " inside a pod template. */
export function describeContainers(w: PrefixWriter, label: string, containers: Obj[] | undefined, statuses: Obj[] | undefined, resolve: EnvResolver | undefined, space: string): void {
  const list = containers ?? [];
  w.write(0, `${space}${label}:${list.length ? '' : ' <none>'}\n`);
  const byName = new Map(((statuses ?? []) as Obj[]).map((s) => [s.name, s]));
  for (const c of list) {
    const st = byName.get(c.name);
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (st) w.write(2, `Container ID:\t${st.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image ?? ''}\n`);
    if (st) w.write(2, `Image ID:\t${st.imageID ?? ''}\n`);
    const p = ports(c.ports, 'containerPort');
    w.write(2, p.includes(',') ? `Ports:\t${p}\n` : `Port:\t${orNone(p)}\n`);
    const hp = ports(c.ports, 'hostPort');
    w.write(2, hp.includes(',') ? `Host Ports:\t${hp}\n` : `Host Port:\t${orNone(hp)}\n`);
    if (c.restartPolicy) w.write(2, `Restart Policy:\t${c.restartPolicy}\n`);
    for (const [title, xs] of [['Command', c.command], ['Args', c.args]] as const) {
      if (!xs?.length) continue;
      w.write(2, `${title}:\n`);
      for (const x of xs as string[]) for (const s of x.split('\n')) w.write(3, `${s}\n`);
    }
    if (st) {
      describeState(w, 'State', st.state);
      if (st.lastState?.terminated) describeState(w, 'Last State', st.lastState);
      w.write(2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if (c.envFrom?.length) describeEnvFrom(w, c);
    describeEnv(w, c, resolve);
    describeMounts(w, c);
  }
}

function describeVolumeSource(w: PrefixWriter, v: Obj): void {
  const d = (s: string) => w.write(0, `    ${s}\n`);
  if (v.hostPath) {
    d('Type:\tHostPath (bare host directory volume)');
    d(`Path:\t${v.hostPath.path}`);
    d(`HostPathType:\t${v.hostPath.type ?? ''}`);
  } else if (v.emptyDir) {
    d('Type:\tEmptyDir (a temporary directory that shares a pod\'s lifetime)');
    d(`Medium:\t${v.emptyDir.medium ?? ''}`);
    d(`SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}`);
  } else if (v.secret) {
    d('Type:\tSecret (a volume populated by a Secret)');
    d(`SecretName:\t${v.secret.secretName}`);
    d(`Optional:\t${!!v.secret.optional}`);
  } else if (v.configMap) {
    d('Type:\tConfigMap (a volume populated by a ConfigMap)');
    d(`Name:\t${v.configMap.name}`);
    d(`Optional:\t${!!v.configMap.optional}`);
  } else if (v.persistentVolumeClaim) {
    d('Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)');
    d(`ClaimName:\t${v.persistentVolumeClaim.claimName}`);
    d(`ReadOnly:\t${!!v.persistentVolumeClaim.readOnly}`);
  } else if (v.projected) {
    d('Type:\tProjected (a volume that contains injected data from multiple sources)');
    for (const s of (v.projected.sources ?? []) as Obj[]) {
      if (s.secret) {
        d(`SecretName:\t${s.secret.name}`);
        d(`SecretOptionalName:\t${goValue(s.secret.optional)}`);
      } else if (s.downwardAPI) d('DownwardAPI:\ttrue');
      else if (s.configMap) {
        d(`ConfigMapName:\t${s.configMap.name}`);
        d(`ConfigMapOptional:\t${goValue(s.configMap.optional)}`);
      } else if (s.serviceAccountToken) d(`TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 0}`);
    }
  } else if (v.downwardAPI) {
    d('Type:\tDownwardAPI (a volume populated by information about the pod)');
    d('Items:');
    for (const i of (v.downwardAPI.items ?? []) as Obj[]) d(`  ${i.fieldRef?.fieldPath ?? i.resourceFieldRef?.resource ?? ''} -> ${i.path}`);
  } else {
    w.write(1, '<unknown>\n');
  }
}

export function describeVolumes(w: PrefixWriter, volumes: Obj[] | undefined, space: string): void {
  if (!volumes?.length) return w.write(0, `${space}Volumes:\t<none>\n`);
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
    describeVolumeSource(w, v);
  }
}

export function describePodTemplate(w: PrefixWriter, template: Obj | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!template) return w.write(1, '<unset>');
  const spec = template.spec ?? {};
  labelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) annotationsMultiline(w, '  Annotations', template.metadata.annotations);
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, undefined, undefined, '  ');
  describeContainers(w, 'Containers', spec.containers, undefined, undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  labelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  tolerationsMultiline(w, '  Tolerations', spec.tolerations);
}
