// Decoding of the protobuf request bodies kubectl ≥ 1.32 sends for typed-client writes (auth can-i, can-i --list,
// auth whoami, create token): the `k8s\0` magic, the runtime.Unknown envelope, then the object, turned into the
// same JS object its JSON form would parse to (empty strings and zero values left out, as Go's omitempty does).
// Field numbers follow k8s.io/api generated.proto and apimachinery runtime/generated.proto (apiserver-protocol.md §7).

import { statusError } from './resources.js';

/** The four bytes every Kubernetes protobuf body starts with: "k8s\0". */
export const PROTOBUF_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);
export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';

// ---- a minimal protobuf wire reader ----

type FieldValue = { wire: 0; value: bigint } | { wire: 2; bytes: Uint8Array } | { wire: 1 | 5; bytes: Uint8Array };

/** All fields of a message, grouped by number, in wire order (repeated fields keep every occurrence). */
type Message = Map<number, FieldValue[]>;

class DecodeError extends Error {}

function readVarint(buf: Uint8Array, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new DecodeError('truncated varint');
    const byte = buf[pos++]!;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
  throw new DecodeError('varint too long');
}

function parseMessage(buf: Uint8Array): Message {
  const fields: Message = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [key, afterKey] = readVarint(buf, pos);
    pos = afterKey;
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0) throw new DecodeError('field number 0');
    let value: FieldValue;
    if (wire === 0) {
      const [v, next] = readVarint(buf, pos);
      value = { wire: 0, value: v };
      pos = next;
    } else if (wire === 2) {
      const [len, next] = readVarint(buf, pos);
      const end = next + Number(len);
      if (end > buf.length) throw new DecodeError(`field ${field} runs past the end of the message`);
      value = { wire: 2, bytes: buf.subarray(next, end) };
      pos = end;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (pos + size > buf.length) throw new DecodeError(`field ${field} runs past the end of the message`);
      value = { wire, bytes: buf.subarray(pos, pos + size) };
      pos += size;
    } else {
      throw new DecodeError(`unsupported wire type ${wire} for field ${field}`);
    }
    const list = fields.get(field);
    if (list) list.push(value);
    else fields.set(field, [value]);
  }
  return fields;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function bytesOf(m: Message, field: number): Uint8Array | undefined {
  const v = m.get(field)?.at(-1);
  if (!v) return undefined;
  if (v.wire !== 2) throw new DecodeError(`field ${field} is not length-delimited`);
  return v.bytes;
}
function stringOf(m: Message, field: number): string {
  const b = bytesOf(m, field);
  return b ? utf8.decode(b) : '';
}
function stringsOf(m: Message, field: number): string[] {
  return (m.get(field) ?? []).map((v) => {
    if (v.wire !== 2) throw new DecodeError(`field ${field} is not length-delimited`);
    return utf8.decode(v.bytes);
  });
}
function messageOf(m: Message, field: number): Message | undefined {
  const b = bytesOf(m, field);
  return b ? parseMessage(b) : undefined;
}
function messagesOf(m: Message, field: number): Message[] {
  return (m.get(field) ?? []).map((v) => {
    if (v.wire !== 2) throw new DecodeError(`field ${field} is not length-delimited`);
    return parseMessage(v.bytes);
  });
}
function intOf(m: Message, field: number): number | undefined {
  const v = m.get(field)?.at(-1);
  if (!v) return undefined;
  if (v.wire !== 0) throw new DecodeError(`field ${field} is not a varint`);
  return Number(BigInt.asIntN(64, v.value));
}
function boolOf(m: Message, field: number): boolean {
  return (intOf(m, field) ?? 0) !== 0;
}

/** Keeps only the entries Go's `omitempty` would write: non-empty strings, arrays and objects, true, non-zero numbers. */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === '' || v === false || v === 0) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out as Partial<T>;
}

// ---- the envelope ----

export interface ProtobufEnvelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

/** Splits a `k8s\0` + runtime.Unknown body into its type and raw object bytes. Throws a 400 Status error when malformed. */
export function decodeEnvelope(body: Uint8Array): ProtobufEnvelope {
  try {
    if (body.length < 4 || !PROTOBUF_MAGIC.every((b, i) => body[i] === b)) {
      throw new DecodeError('the body does not start with the "k8s\\0" protobuf prefix');
    }
    const unknown = parseMessage(body.subarray(4));
    const typeMeta = messageOf(unknown, 1) ?? new Map();
    return {
      apiVersion: stringOf(typeMeta, 1),
      kind: stringOf(typeMeta, 2),
      raw: bytesOf(unknown, 2) ?? new Uint8Array(0),
      contentEncoding: stringOf(unknown, 3),
      contentType: stringOf(unknown, 4),
    };
  } catch (e) {
    throw badBody(e);
  }
}

function badBody(e: unknown): Error {
  if (e instanceof DecodeError || e instanceof TypeError) {
    return statusError(400, 'BadRequest', `unable to decode the protobuf request body: ${e.message}`);
  }
  return e as Error;
}

// ---- object bodies ----

function objectMeta(m: Message | undefined): Record<string, unknown> {
  if (!m) return {};
  const map = (field: number) => {
    const entries = messagesOf(m, field).map((e) => [stringOf(e, 1), stringOf(e, 2)] as const);
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  };
  return compact({
    name: stringOf(m, 1),
    generateName: stringOf(m, 2),
    namespace: stringOf(m, 3),
    uid: stringOf(m, 5),
    resourceVersion: stringOf(m, 6),
    generation: intOf(m, 7),
    labels: map(11),
    annotations: map(12),
    finalizers: stringsOf(m, 14),
  });
}

function selectorAttributes(m: Message | undefined): Record<string, unknown> | undefined {
  if (!m) return undefined;
  const requirements = messagesOf(m, 2).map((r) =>
    compact({ key: stringOf(r, 1), operator: stringOf(r, 2), values: stringsOf(r, 3) }),
  );
  const out = compact({ rawSelector: stringOf(m, 1), requirements });
  return out;
}

function resourceAttributes(m: Message): Record<string, unknown> {
  return compact({
    namespace: stringOf(m, 1),
    verb: stringOf(m, 2),
    group: stringOf(m, 3),
    version: stringOf(m, 4),
    resource: stringOf(m, 5),
    subresource: stringOf(m, 6),
    name: stringOf(m, 7),
    fieldSelector: selectorAttributes(messageOf(m, 8)),
    labelSelector: selectorAttributes(messageOf(m, 9)),
  });
}

function accessReviewBody(raw: Message, apiVersion: string, kind: string): Record<string, unknown> {
  const spec = messageOf(raw, 2) ?? new Map();
  const ra = messageOf(spec, 1);
  const nra = messageOf(spec, 2);
  const specJson: Record<string, unknown> = {};
  if (ra) specJson.resourceAttributes = resourceAttributes(ra);
  if (nra) specJson.nonResourceAttributes = compact({ path: stringOf(nra, 1), verb: stringOf(nra, 2) });
  // SubjectAccessReview specs also carry the subject: 3 user, 4 groups, 5 extra, 6 uid.
  if (kind === 'SubjectAccessReview' || kind === 'LocalSubjectAccessReview') {
    Object.assign(specJson, compact({ user: stringOf(spec, 3), groups: stringsOf(spec, 4), uid: stringOf(spec, 6) }));
  }
  return { kind, apiVersion, metadata: objectMeta(messageOf(raw, 1)), spec: specJson };
}

function rulesReviewBody(raw: Message, apiVersion: string, kind: string): Record<string, unknown> {
  const spec = messageOf(raw, 2) ?? new Map();
  return { kind, apiVersion, metadata: objectMeta(messageOf(raw, 1)), spec: compact({ namespace: stringOf(spec, 1) }) };
}

function selfSubjectReviewBody(raw: Message, apiVersion: string, kind: string): Record<string, unknown> {
  return { kind, apiVersion, metadata: objectMeta(messageOf(raw, 1)) };
}

function tokenRequestBody(raw: Message, apiVersion: string, kind: string): Record<string, unknown> {
  const spec = messageOf(raw, 2) ?? new Map();
  const ref = messageOf(spec, 3);
  return {
    kind,
    apiVersion,
    metadata: objectMeta(messageOf(raw, 1)),
    spec: compact({
      audiences: stringsOf(spec, 1),
      expirationSeconds: intOf(spec, 4),
      boundObjectRef: ref
        ? compact({ kind: stringOf(ref, 1), apiVersion: stringOf(ref, 2), name: stringOf(ref, 3), uid: stringOf(ref, 4) })
        : undefined,
    }),
  };
}

const DECODERS: Record<string, (raw: Message, apiVersion: string, kind: string) => Record<string, unknown>> = {
  'authorization.k8s.io/v1 SelfSubjectAccessReview': accessReviewBody,
  'authorization.k8s.io/v1 SubjectAccessReview': accessReviewBody,
  'authorization.k8s.io/v1 LocalSubjectAccessReview': accessReviewBody,
  'authorization.k8s.io/v1 SelfSubjectRulesReview': rulesReviewBody,
  'authentication.k8s.io/v1 SelfSubjectReview': selfSubjectReviewBody,
  'authentication.k8s.io/v1beta1 SelfSubjectReview': selfSubjectReviewBody,
  'authentication.k8s.io/v1 TokenRequest': tokenRequestBody,
};

/** Whether decodeProtobufObject understands bodies of this type. */
export function canDecodeProtobuf(apiVersion: string, kind: string): boolean {
  return `${apiVersion} ${kind}` in DECODERS;
}

/**
 * Decodes a protobuf request body into the object its JSON form would be. Throws a 415 Status error for types
 * this decoder does not know (clients then know to send JSON), and a 400 one for malformed bytes.
 */
export function decodeProtobufObject(body: Uint8Array): Record<string, unknown> {
  const envelope = decodeEnvelope(body);
  const decoder = DECODERS[`${envelope.apiVersion} ${envelope.kind}`];
  if (!decoder || (envelope.contentEncoding !== '' && envelope.contentEncoding !== 'identity')) {
    throw statusError(
      415,
      'UnsupportedMediaType',
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
    );
  }
  try {
    return decoder(parseMessage(envelope.raw), envelope.apiVersion, envelope.kind);
  } catch (e) {
    throw badBody(e);
  }
}

/** Whether a request Content-Type is Kubernetes protobuf (parameters ignored). */
export function isProtobufContentType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === PROTOBUF_CONTENT_TYPE;
}

// ---------------------------------------------------------------- built-in objects, schema-driven
//
// `kubectl create <kind>` generators (namespace, configmap, secret, deployment, job, cronjob, service, quota, role,
// rolebinding, ingress, pdb, priorityclass…) also send protobuf from 1.32 on. Their messages are described below as
// data: field number → JSON name and type, only for the fields those objects use. Unknown fields are skipped.
// Scalars at their zero value are left out (Go's omitempty), except `keep` fields, which are pointers in Go and
// so carry meaning even when zero (replicas: 0). Present messages become objects, even empty ones ({}), as in JSON.

type Scalar = 'string' | 'int' | 'bool' | 'bytes' | 'time' | 'quantity' | 'intOrString';
interface FieldSpec {
  name: string;
  type: Scalar | Schema;
  repeated?: boolean;
  /** map<string, V>: entries {1 key, 2 value}. */
  map?: 'string' | 'bytes' | 'quantity';
  keep?: boolean;
  /** Embedded inline in JSON (e.g. Volume.volumeSource, IngressRule.ingressRuleValue). */
  inline?: boolean;
}
type Schema = { [field: number]: FieldSpec };

const f = (name: string, type: Scalar | Schema, more: Partial<FieldSpec> = {}): FieldSpec => ({ name, type, ...more });
const strings = (name: string): FieldSpec => f(name, 'string', { repeated: true });
const stringMap = (name: string): FieldSpec => f(name, 'string', { map: 'string' });
const quantityMap = (name: string): FieldSpec => f(name, 'string', { map: 'quantity' });

const OwnerReference: Schema = {
  1: f('kind', 'string'), 3: f('name', 'string'), 4: f('uid', 'string'), 5: f('apiVersion', 'string'),
  6: f('controller', 'bool', { keep: true }), 7: f('blockOwnerDeletion', 'bool', { keep: true }),
};
const ObjectMeta: Schema = {
  1: f('name', 'string'), 2: f('generateName', 'string'), 3: f('namespace', 'string'), 5: f('uid', 'string'),
  6: f('resourceVersion', 'string'), 7: f('generation', 'int'), 8: f('creationTimestamp', 'time'),
  9: f('deletionTimestamp', 'time'), 10: f('deletionGracePeriodSeconds', 'int', { keep: true }),
  11: stringMap('labels'), 12: stringMap('annotations'), 13: f('ownerReferences', OwnerReference, { repeated: true }),
  14: strings('finalizers'),
};
const LabelSelector: Schema = {
  1: stringMap('matchLabels'),
  2: f('matchExpressions', { 1: f('key', 'string'), 2: f('operator', 'string'), 3: strings('values') }, { repeated: true }),
};
const LocalObjectReference: Schema = { 1: f('name', 'string') };
const KeySelector: Schema = { 1: f('', LocalObjectReference, { inline: true }), 2: f('key', 'string'), 3: f('optional', 'bool', { keep: true }) };
const EnvVar: Schema = {
  1: f('name', 'string'), 2: f('value', 'string'),
  3: f('valueFrom', {
    1: f('fieldRef', { 1: f('apiVersion', 'string'), 2: f('fieldPath', 'string') }),
    2: f('resourceFieldRef', { 1: f('containerName', 'string'), 2: f('resource', 'string'), 3: f('divisor', 'quantity') }),
    3: f('configMapKeyRef', KeySelector),
    4: f('secretKeyRef', KeySelector),
  }),
};
const EnvFromSource: Schema = {
  1: f('prefix', 'string'),
  2: f('configMapRef', { 1: f('', LocalObjectReference, { inline: true }), 2: f('optional', 'bool', { keep: true }) }),
  3: f('secretRef', { 1: f('', LocalObjectReference, { inline: true }), 2: f('optional', 'bool', { keep: true }) }),
};
const ContainerPort: Schema = {
  1: f('name', 'string'), 2: f('hostPort', 'int'), 3: f('containerPort', 'int'), 4: f('protocol', 'string'), 5: f('hostIP', 'string'),
};
const ResourceRequirements: Schema = { 1: quantityMap('limits'), 2: quantityMap('requests') };
const VolumeMount: Schema = {
  1: f('name', 'string'), 2: f('readOnly', 'bool'), 3: f('mountPath', 'string'), 4: f('subPath', 'string'),
  5: f('mountPropagation', 'string', { keep: true }), 6: f('subPathExpr', 'string'),
};
const ProbeHandler: Schema = {
  1: f('exec', { 1: strings('command') }),
  2: f('httpGet', {
    1: f('path', 'string'), 2: f('port', 'intOrString'), 3: f('host', 'string'), 4: f('scheme', 'string'),
    5: f('httpHeaders', { 1: f('name', 'string'), 2: f('value', 'string') }, { repeated: true }),
  }),
  3: f('tcpSocket', { 1: f('port', 'intOrString'), 2: f('host', 'string') }),
  4: f('grpc', { 1: f('port', 'int'), 2: f('service', 'string', { keep: true }) }),
};
const Probe: Schema = {
  1: f('', ProbeHandler, { inline: true }), 2: f('initialDelaySeconds', 'int'), 3: f('timeoutSeconds', 'int'),
  4: f('periodSeconds', 'int'), 5: f('successThreshold', 'int'), 6: f('failureThreshold', 'int'),
  7: f('terminationGracePeriodSeconds', 'int', { keep: true }),
};
const SecurityContext: Schema = {
  1: f('capabilities', { 1: strings('add'), 2: strings('drop') }),
  2: f('privileged', 'bool', { keep: true }), 4: f('runAsUser', 'int', { keep: true }), 5: f('runAsNonRoot', 'bool', { keep: true }),
  6: f('readOnlyRootFilesystem', 'bool', { keep: true }), 7: f('allowPrivilegeEscalation', 'bool', { keep: true }),
  8: f('runAsGroup', 'int', { keep: true }),
};
const Container: Schema = {
  1: f('name', 'string'), 2: f('image', 'string'), 3: strings('command'), 4: strings('args'), 5: f('workingDir', 'string'),
  6: f('ports', ContainerPort, { repeated: true }), 7: f('env', EnvVar, { repeated: true }), 8: f('resources', ResourceRequirements),
  9: f('volumeMounts', VolumeMount, { repeated: true }), 10: f('livenessProbe', Probe), 11: f('readinessProbe', Probe),
  13: f('terminationMessagePath', 'string'), 14: f('imagePullPolicy', 'string'), 15: f('securityContext', SecurityContext),
  16: f('stdin', 'bool'), 17: f('stdinOnce', 'bool'), 18: f('tty', 'bool'), 19: f('envFrom', EnvFromSource, { repeated: true }),
  20: f('terminationMessagePolicy', 'string'), 22: f('startupProbe', Probe), 24: f('restartPolicy', 'string', { keep: true }),
};
const KeyToPath: Schema = { 1: f('key', 'string'), 2: f('path', 'string'), 3: f('mode', 'int', { keep: true }) };
const VolumeSource: Schema = {
  1: f('hostPath', { 1: f('path', 'string'), 2: f('type', 'string', { keep: true }) }),
  2: f('emptyDir', { 1: f('medium', 'string'), 2: f('sizeLimit', 'quantity') }),
  6: f('secret', { 1: f('secretName', 'string'), 2: f('items', KeyToPath, { repeated: true }), 3: f('defaultMode', 'int', { keep: true }), 4: f('optional', 'bool', { keep: true }) }),
  10: f('persistentVolumeClaim', { 1: f('claimName', 'string'), 2: f('readOnly', 'bool') }),
  19: f('configMap', { 1: f('', LocalObjectReference, { inline: true }), 2: f('items', KeyToPath, { repeated: true }), 3: f('defaultMode', 'int', { keep: true }), 4: f('optional', 'bool', { keep: true }) }),
};
const Toleration: Schema = {
  1: f('key', 'string'), 2: f('operator', 'string'), 3: f('value', 'string'), 4: f('effect', 'string'), 5: f('tolerationSeconds', 'int', { keep: true }),
};
const PodSpec: Schema = {
  1: f('volumes', { 1: f('name', 'string'), 2: f('', VolumeSource, { inline: true }) }, { repeated: true }),
  2: f('containers', Container, { repeated: true }), 3: f('restartPolicy', 'string'),
  4: f('terminationGracePeriodSeconds', 'int', { keep: true }), 5: f('activeDeadlineSeconds', 'int', { keep: true }),
  6: f('dnsPolicy', 'string'), 7: stringMap('nodeSelector'), 8: f('serviceAccountName', 'string'), 9: f('serviceAccount', 'string'),
  10: f('nodeName', 'string'), 11: f('hostNetwork', 'bool'), 12: f('hostPID', 'bool'), 13: f('hostIPC', 'bool'),
  14: f('securityContext', { 4: f('runAsUser', 'int', { keep: true }), 5: f('runAsNonRoot', 'bool', { keep: true }), 6: f('supplementalGroups', 'int', { repeated: true }), 7: f('fsGroup', 'int', { keep: true }), 8: f('runAsGroup', 'int', { keep: true }) }),
  15: f('imagePullSecrets', LocalObjectReference, { repeated: true }), 16: f('hostname', 'string'), 17: f('subdomain', 'string'),
  19: f('schedulerName', 'string'), 20: f('initContainers', Container, { repeated: true }),
  21: f('automountServiceAccountToken', 'bool', { keep: true }), 22: f('tolerations', Toleration, { repeated: true }),
  24: f('priorityClassName', 'string'), 25: f('priority', 'int', { keep: true }), 29: f('runtimeClassName', 'string', { keep: true }),
  30: f('enableServiceLinks', 'bool', { keep: true }),
};
const PodTemplateSpec: Schema = { 1: f('metadata', ObjectMeta), 2: f('spec', PodSpec) };
const EMPTY: Schema = {};
const IntOrStringField = (name: string) => f(name, 'intOrString');

const DeploymentSpec: Schema = {
  1: f('replicas', 'int', { keep: true }), 2: f('selector', LabelSelector), 3: f('template', PodTemplateSpec),
  4: f('strategy', { 1: f('type', 'string'), 2: f('rollingUpdate', { 1: IntOrStringField('maxUnavailable'), 2: IntOrStringField('maxSurge') }) }),
  5: f('minReadySeconds', 'int'), 6: f('revisionHistoryLimit', 'int', { keep: true }), 7: f('paused', 'bool'),
  9: f('progressDeadlineSeconds', 'int', { keep: true }),
};
const JobSpec: Schema = {
  1: f('parallelism', 'int', { keep: true }), 2: f('completions', 'int', { keep: true }), 3: f('activeDeadlineSeconds', 'int', { keep: true }),
  4: f('selector', LabelSelector), 5: f('manualSelector', 'bool', { keep: true }), 6: f('template', PodTemplateSpec),
  7: f('backoffLimit', 'int', { keep: true }), 8: f('ttlSecondsAfterFinished', 'int', { keep: true }),
  9: f('completionMode', 'string', { keep: true }), 10: f('suspend', 'bool', { keep: true }),
};
const CronJobSpec: Schema = {
  1: f('schedule', 'string'), 2: f('startingDeadlineSeconds', 'int', { keep: true }), 3: f('concurrencyPolicy', 'string'),
  4: f('suspend', 'bool', { keep: true }), 5: f('jobTemplate', { 1: f('metadata', ObjectMeta), 2: f('spec', JobSpec) }),
  6: f('successfulJobsHistoryLimit', 'int', { keep: true }), 7: f('failedJobsHistoryLimit', 'int', { keep: true }),
  8: f('timeZone', 'string', { keep: true }),
};
const ServiceSpec: Schema = {
  1: f('ports', {
    1: f('name', 'string'), 2: f('protocol', 'string'), 3: f('port', 'int'), 4: IntOrStringField('targetPort'),
    5: f('nodePort', 'int'), 6: f('appProtocol', 'string', { keep: true }),
  }, { repeated: true }),
  2: stringMap('selector'), 3: f('clusterIP', 'string'), 4: f('type', 'string'), 5: strings('externalIPs'),
  7: f('sessionAffinity', 'string'), 8: f('loadBalancerIP', 'string'), 9: strings('loadBalancerSourceRanges'),
  10: f('externalName', 'string'), 11: f('externalTrafficPolicy', 'string'), 13: f('publishNotReadyAddresses', 'bool'),
  17: f('ipFamilyPolicy', 'string', { keep: true }), 18: strings('clusterIPs'), 19: strings('ipFamilies'),
};
const IngressBackend: Schema = {
  3: f('resource', { 1: f('apiGroup', 'string', { keep: true }), 2: f('kind', 'string'), 3: f('name', 'string') }),
  4: f('service', { 1: f('name', 'string'), 2: f('port', { 1: f('name', 'string'), 2: f('number', 'int') }) }),
};
const IngressSpec: Schema = {
  1: f('defaultBackend', IngressBackend),
  2: f('tls', { 1: strings('hosts'), 2: f('secretName', 'string') }, { repeated: true }),
  3: f('rules', {
    1: f('host', 'string'),
    2: f('', { 1: f('http', { 1: f('paths', { 1: f('path', 'string'), 2: f('backend', IngressBackend), 3: f('pathType', 'string', { keep: true }) }, { repeated: true }) }) }, { inline: true }),
  }, { repeated: true }),
  4: f('ingressClassName', 'string', { keep: true }),
};
const PolicyRule: Schema = { 1: strings('verbs'), 2: strings('apiGroups'), 3: strings('resources'), 4: strings('resourceNames'), 5: strings('nonResourceURLs') };
const Binding: Schema = {
  1: f('metadata', ObjectMeta),
  2: f('subjects', { 1: f('kind', 'string'), 2: f('apiGroup', 'string'), 3: f('name', 'string'), 4: f('namespace', 'string') }, { repeated: true }),
  3: f('roleRef', { 1: f('apiGroup', 'string'), 2: f('kind', 'string'), 3: f('name', 'string') }),
};
const withSpec = (spec: Schema, status: Schema = EMPTY): Schema => ({ 1: f('metadata', ObjectMeta), 2: f('spec', spec), 3: f('status', status) });
/** Service and Ingress statuses hold a (non-pointer) loadBalancer message, so even a new object's status carries it. */
const LoadBalancerStatus: Schema = { 1: f('loadBalancer', EMPTY) };

const CrossVersionObjectReference: Schema = { 1: f('kind', 'string'), 2: f('name', 'string'), 3: f('apiVersion', 'string') };
const MetricTarget: Schema = {
  1: f('type', 'string'), 2: f('value', 'quantity'), 3: f('averageValue', 'quantity'), 4: f('averageUtilization', 'int', { keep: true }),
};
const HpaV2Spec: Schema = {
  1: f('scaleTargetRef', CrossVersionObjectReference), 2: f('minReplicas', 'int', { keep: true }), 3: f('maxReplicas', 'int'),
  4: f('metrics', {
    1: f('type', 'string'),
    4: f('resource', { 1: f('name', 'string'), 2: f('target', MetricTarget) }),
    7: f('containerResource', { 1: f('name', 'string'), 2: f('target', MetricTarget), 3: f('container', 'string') }),
  }, { repeated: true }),
};
const HpaV1Spec: Schema = {
  1: f('scaleTargetRef', CrossVersionObjectReference), 2: f('minReplicas', 'int', { keep: true }), 3: f('maxReplicas', 'int'),
  4: f('targetCPUUtilizationPercentage', 'int', { keep: true }),
};
const DeleteOptions: Schema = {
  1: f('gracePeriodSeconds', 'int', { keep: true }), 2: f('preconditions', { 1: f('uid', 'string', { keep: true }), 2: f('resourceVersion', 'string', { keep: true }) }),
  3: f('orphanDependents', 'bool', { keep: true }), 4: f('propagationPolicy', 'string', { keep: true }), 5: strings('dryRun'),
};

const OBJECT_SCHEMAS: Record<string, Schema> = {
  'autoscaling/v2 HorizontalPodAutoscaler': withSpec(HpaV2Spec),
  'autoscaling/v1 HorizontalPodAutoscaler': withSpec(HpaV1Spec),
  'policy/v1 Eviction': { 1: f('metadata', ObjectMeta), 2: f('deleteOptions', DeleteOptions) },
  'v1 Namespace': withSpec({ 1: strings('finalizers') }),
  'v1 ConfigMap': { 1: f('metadata', ObjectMeta), 2: stringMap('data'), 3: f('binaryData', 'string', { map: 'bytes' }), 4: f('immutable', 'bool', { keep: true }) },
  'v1 Secret': {
    1: f('metadata', ObjectMeta), 2: f('data', 'string', { map: 'bytes' }), 3: f('type', 'string'), 4: stringMap('stringData'),
    5: f('immutable', 'bool', { keep: true }),
  },
  'v1 ServiceAccount': {
    1: f('metadata', ObjectMeta),
    2: f('secrets', { 1: f('kind', 'string'), 2: f('namespace', 'string'), 3: f('name', 'string'), 4: f('uid', 'string'), 5: f('apiVersion', 'string') }, { repeated: true }),
    3: f('imagePullSecrets', LocalObjectReference, { repeated: true }), 4: f('automountServiceAccountToken', 'bool', { keep: true }),
  },
  'v1 Service': withSpec(ServiceSpec, LoadBalancerStatus),
  'v1 Pod': withSpec(PodSpec),
  'v1 ResourceQuota': withSpec({
    1: quantityMap('hard'), 2: strings('scopes'),
    3: f('scopeSelector', { 1: f('matchExpressions', { 1: f('scopeName', 'string'), 2: f('operator', 'string'), 3: strings('values') }, { repeated: true }) }),
  }),
  'apps/v1 Deployment': withSpec(DeploymentSpec),
  'batch/v1 Job': withSpec(JobSpec),
  'batch/v1 CronJob': withSpec(CronJobSpec),
  'networking.k8s.io/v1 Ingress': withSpec(IngressSpec, LoadBalancerStatus),
  'policy/v1 PodDisruptionBudget': withSpec({
    1: IntOrStringField('minAvailable'), 2: f('selector', LabelSelector), 3: IntOrStringField('maxUnavailable'),
    4: f('unhealthyPodEvictionPolicy', 'string', { keep: true }),
  }),
  'scheduling.k8s.io/v1 PriorityClass': {
    1: f('metadata', ObjectMeta), 2: f('value', 'int', { keep: true }), 3: f('globalDefault', 'bool'), 4: f('description', 'string'),
    5: f('preemptionPolicy', 'string', { keep: true }),
  },
  'rbac.authorization.k8s.io/v1 Role': { 1: f('metadata', ObjectMeta), 2: f('rules', PolicyRule, { repeated: true }) },
  'rbac.authorization.k8s.io/v1 ClusterRole': {
    1: f('metadata', ObjectMeta), 2: f('rules', PolicyRule, { repeated: true }),
    3: f('aggregationRule', { 1: f('clusterRoleSelectors', LabelSelector, { repeated: true }) }),
  },
  'rbac.authorization.k8s.io/v1 RoleBinding': Binding,
  'rbac.authorization.k8s.io/v1 ClusterRoleBinding': Binding,
};

function decodeScalar(type: Scalar, v: FieldValue, field: number): unknown {
  switch (type) {
    case 'int':
      if (v.wire !== 0) throw new DecodeError(`field ${field} is not a varint`);
      return Number(BigInt.asIntN(64, v.value));
    case 'bool':
      if (v.wire !== 0) throw new DecodeError(`field ${field} is not a varint`);
      return v.value !== 0n;
    case 'string':
    case 'bytes':
      if (v.wire !== 2) throw new DecodeError(`field ${field} is not length-delimited`);
      return type === 'string' ? utf8.decode(v.bytes) : Buffer.from(v.bytes).toString('base64');
    default: {
      if (v.wire !== 2) throw new DecodeError(`field ${field} is not length-delimited`);
      const m = parseMessage(v.bytes);
      if (type === 'quantity') return stringOf(m, 1);
      if (type === 'time') {
        const seconds = intOf(m, 1) ?? 0;
        return seconds === 0 ? undefined : new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      }
      // intstr.IntOrString: 1 type (0 int, 1 string), 2 intVal, 3 strVal.
      return (intOf(m, 1) ?? 0) === 1 ? stringOf(m, 3) : intOf(m, 2) ?? 0;
    }
  }
}

function isZero(v: unknown): boolean {
  return v === undefined || v === '' || v === 0 || v === false;
}

function decodeWithSchema(m: Message, schema: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [num, values] of m) {
    const spec = schema[num];
    if (!spec) continue;
    if (spec.map) {
      const entries: Record<string, unknown> = {};
      for (const v of values) {
        if (v.wire !== 2) throw new DecodeError(`field ${num} is not length-delimited`);
        const e = parseMessage(v.bytes);
        const value = e.get(2)?.at(-1);
        entries[stringOf(e, 1)] = value === undefined ? '' : decodeScalar(spec.map === 'quantity' ? 'quantity' : spec.map, value, 2) ?? '';
      }
      out[spec.name] = entries;
      continue;
    }
    const decodeOne = (v: FieldValue): unknown => {
      if (typeof spec.type === 'string') return decodeScalar(spec.type, v, num);
      if (v.wire !== 2) throw new DecodeError(`field ${num} is not length-delimited`);
      return decodeWithSchema(parseMessage(v.bytes), spec.type);
    };
    if (spec.repeated) {
      out[spec.name] = values.map(decodeOne);
      continue;
    }
    const value = decodeOne(values.at(-1)!);
    if (spec.inline) {
      Object.assign(out, value);
      continue;
    }
    if (typeof spec.type === 'string' && isZero(value) && !(spec.keep && value !== undefined)) continue;
    out[spec.name] = value;
  }
  return out;
}

for (const [key, schema] of Object.entries(OBJECT_SCHEMAS)) {
  DECODERS[key] = (raw, apiVersion, kind) => ({ kind, apiVersion, ...decodeWithSchema(raw, schema) });
}
