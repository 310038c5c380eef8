// The OpenAPI v2 document as kubectl ≤ 1.29 asks for it: gnostic's openapi_v2.Document in protobuf
// (Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf). Field numbers follow gnostic's
// OpenAPIv2.proto; vendor extensions travel as YAML text in an Any, as gnostic stores them. Only what the
// simulator's document uses is encoded: info, PATCH operations with their parameters, and schemas.
import { stringify } from 'yaml';

export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
export const OPENAPI_V2_PROTOBUF_RESPONSE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

type Json = Record<string, unknown>;

/** A protobuf message being written: fields appended in order, nested messages length-prefixed. */
class Writer {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  private push(b: Uint8Array): void {
    this.parts.push(b);
    this.size += b.length;
  }
  private varint(n: number): void {
    const out: number[] = [];
    let v = n;
    do {
      let byte = v % 128;
      v = Math.floor(v / 128);
      if (v > 0) byte |= 0x80;
      out.push(byte);
    } while (v > 0);
    this.push(Uint8Array.from(out));
  }
  private key(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }
  string(field: number, s: string | undefined): this {
    if (s === undefined || s === '') return this;
    const b = Buffer.from(s, 'utf8');
    this.key(field, 2);
    this.varint(b.length);
    this.push(b);
    return this;
  }
  strings(field: number, list: readonly string[] | undefined): this {
    for (const s of list ?? []) {
      const b = Buffer.from(s, 'utf8');
      this.key(field, 2);
      this.varint(b.length);
      this.push(b);
    }
    return this;
  }
  bool(field: number, v: boolean | undefined): this {
    if (!v) return this;
    this.key(field, 0);
    this.varint(1);
    return this;
  }
  message(field: number, m: Writer | undefined): this {
    if (!m) return this;
    const b = m.bytes();
    this.key(field, 2);
    this.varint(b.length);
    this.push(b);
    return this;
  }
  bytes(): Uint8Array {
    return Buffer.concat(this.parts, this.size);
  }
}

const w = () => new Writer();

/** Any { yaml = 2 }. */
const anyYaml = (value: unknown) => w().string(2, stringify(value));

/** NamedAny entries for the x-… keys of `obj` (vendor_extension fields). */
function extensions(out: Writer, field: number, obj: Json): void {
  for (const [k, v] of Object.entries(obj)) if (k.startsWith('x-')) out.message(field, w().string(1, k).message(2, anyYaml(v)));
}

function schema(s: Json): Writer {
  const out = w()
    .string(1, s.$ref as string | undefined)
    .string(2, s.format as string | undefined)
    .string(3, s.title as string | undefined)
    .string(4, s.description as string | undefined);
  if (s.default !== undefined) out.message(5, anyYaml(s.default));
  out.strings(19, s.required as string[] | undefined);
  for (const e of (s.enum as unknown[] | undefined) ?? []) out.message(20, anyYaml(e));
  const ap = s.additionalProperties;
  if (typeof ap === 'boolean') out.message(21, w().bool(2, ap));
  else if (ap && typeof ap === 'object') out.message(21, w().message(1, schema(ap as Json)));
  if (s.type !== undefined) out.message(22, w().strings(1, Array.isArray(s.type) ? (s.type as string[]) : [s.type as string]));
  if (s.items && typeof s.items === 'object') {
    const items = Array.isArray(s.items) ? (s.items as Json[]) : [s.items as Json];
    const iw = w();
    for (const i of items) iw.message(1, schema(i));
    out.message(23, iw);
  }
  for (const a of (s.allOf as Json[] | undefined) ?? []) out.message(24, schema(a));
  if (s.properties && typeof s.properties === 'object') {
    const pw = w();
    for (const [name, p] of Object.entries(s.properties as Record<string, Json>)) pw.message(1, w().string(1, name).message(2, schema(p)));
    out.message(25, pw);
  }
  extensions(out, 31, s);
  return out;
}

/** ParametersItem { parameter = 1 { non_body_parameter = 2 { query = 3 | path = 4 } } }. */
function parameter(p: Json): Writer {
  const sub = p.in === 'path'
    ? w().bool(1, p.required as boolean).string(2, 'path').string(3, p.description as string | undefined).string(4, p.name as string).string(5, p.type as string).bool(19, p.uniqueItems as boolean)
    : w().bool(1, p.required as boolean).string(2, p.in as string).string(3, p.description as string | undefined).string(4, p.name as string).string(6, p.type as string).bool(20, p.uniqueItems as boolean);
  return w().message(1, w().message(2, w().message(p.in === 'path' ? 4 : 3, sub)));
}

function operation(op: Json): Writer {
  const out = w().string(3, op.description as string | undefined).string(5, op.operationId as string | undefined);
  out.strings(6, op.produces as string[] | undefined).strings(7, op.consumes as string[] | undefined);
  for (const p of (op.parameters as Json[] | undefined) ?? []) out.message(8, parameter(p));
  const responses = w();
  for (const [code, r] of Object.entries((op.responses as Record<string, Json> | undefined) ?? {})) {
    responses.message(1, w().string(1, code).message(2, w().message(1, w().string(1, r.description as string | undefined))));
  }
  out.message(9, responses);
  extensions(out, 13, op);
  return out;
}

const METHOD_FIELDS: Record<string, number> = { get: 2, put: 3, post: 4, delete: 5, options: 6, head: 7, patch: 8 };

/** The gnostic protobuf encoding of a swagger 2.0 document (as renderOpenApiV2 builds it). */
export function encodeOpenApiV2(doc: Json): Uint8Array {
  const info = (doc.info ?? {}) as Json;
  const out = w().string(1, doc.swagger as string).message(2, w().string(1, info.title as string).string(2, info.version as string));
  const paths = w();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    const iw = w();
    for (const [method, field] of Object.entries(METHOD_FIELDS)) if (item[method]) iw.message(field, operation(item[method] as Json));
    for (const p of (item.parameters as Json[] | undefined) ?? []) iw.message(9, parameter(p));
    paths.message(2, w().string(1, path).message(2, iw));
  }
  out.message(8, paths);
  const defs = w();
  for (const [name, s] of Object.entries((doc.definitions ?? {}) as Record<string, Json>)) defs.message(1, w().string(1, name).message(2, schema(s)));
  out.message(9, defs);
  return out.bytes();
}
