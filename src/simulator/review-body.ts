// Reads the protobuf bodies kubectl 1.32+ sends for self reviews ("k8s\0" + runtime.Unknown{raw}) into the
// JSON shape of the review. Only the fields the reviews use are decoded. (Stands in until protobuf.ts lands.)
import { badRequest } from './status.js';

type Fields = Map<number, (Buffer | number)[]>;

function readFields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let i = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (i >= buf.length) throw badRequest('protobuf: truncated varint');
      const b = buf[i++];
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
      shift += 7;
    }
  };
  while (i < buf.length) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    let value: Buffer | number;
    if (wire === 0) value = varint();
    else if (wire === 2) {
      const len = varint();
      value = buf.subarray(i, i + len);
      i += len;
    } else if (wire === 1) {
      value = 0;
      i += 8;
    } else if (wire === 5) {
      value = 0;
      i += 4;
    } else throw badRequest(`protobuf: unsupported wire type ${wire}`);
    const list = out.get(field) ?? [];
    list.push(value);
    out.set(field, list);
  }
  return out;
}

const bytes = (f: Fields, n: number): Buffer | undefined => {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? v : undefined;
};
const str = (f: Fields, n: number): string => bytes(f, n)?.toString('utf8') ?? '';

const RESOURCE_ATTRIBUTE_FIELDS = ['namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'] as const;

export function decodeReviewBody(kind: string, body: Buffer): unknown {
  if (body.length < 4 || body.subarray(0, 4).toString('latin1') !== 'k8s\u0000') throw badRequest('protobuf: missing the k8s magic prefix');
  const unknown = readFields(body.subarray(4));
  const raw = bytes(unknown, 2) ?? Buffer.alloc(0);
  const obj = readFields(raw);
  const spec = readFields(bytes(obj, 2) ?? Buffer.alloc(0));
  if (kind === 'SelfSubjectAccessReview') {
    const ra = bytes(spec, 1);
    const nra = bytes(spec, 2);
    const out: { spec: Record<string, unknown> } = { spec: {} };
    if (ra) {
      const f = readFields(ra);
      const attrs: Record<string, string> = {};
      RESOURCE_ATTRIBUTE_FIELDS.forEach((name, idx) => {
        if (f.has(idx + 1)) attrs[name] = str(f, idx + 1);
      });
      out.spec.resourceAttributes = attrs;
    }
    if (nra) {
      const f = readFields(nra);
      out.spec.nonResourceAttributes = { path: str(f, 1), verb: str(f, 2) };
    }
    return out;
  }
  if (kind === 'SelfSubjectRulesReview') return { spec: { namespace: str(spec, 1) } };
  return {};
}
