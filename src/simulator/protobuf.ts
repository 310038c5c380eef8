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
