// `y`: an object as YAML, the way `kubectl get -o yaml` prints it (keys sorted), managedFields shown only when
// asked, and a secret's data decoded only when asked (`x`); until then the base64 stays as the server sent it.
import { stringify } from 'yaml';

export interface YamlOptions {
  managedFields?: boolean;
  decodeSecret?: boolean;
}

type Obj = Record<string, any>;

/** True when every value decodes to printable UTF-8 text (else decoding would show garbage). */
function decodable(data: Record<string, string>): boolean {
  return Object.values(data).every((v) => {
    const text = Buffer.from(v, 'base64').toString('utf8');
    return !text.includes('\uFFFD');
  });
}

export function objectYaml(obj: Obj, opts: YamlOptions = {}): string {
  let out: Obj = obj;
  if (!opts.managedFields && obj.metadata?.managedFields) {
    const { managedFields: _dropped, ...metadata } = obj.metadata;
    out = { ...obj, metadata };
  }
  if (opts.decodeSecret && obj.kind === 'Secret' && obj.data && decodable(obj.data)) {
    // Shown as stringData, the field that takes plain text, so the YAML still says what it is.
    const { data, ...rest } = out;
    out = { ...rest, stringData: Object.fromEntries(Object.entries(data as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')])) };
  }
  return stringify(out, { sortMapEntries: true, lineWidth: 0, blockQuote: 'literal' });
}

/** Line numbers (0-based) of `lines` that contain `query` (case-insensitive), for `/` with n/N. */
export function searchLines(lines: string[], query: string): number[] {
  if (!query) return [];
  const q = query.toLowerCase();
  const out: number[] = [];
  lines.forEach((l, i) => {
    if (l.toLowerCase().includes(q)) out.push(i);
  });
  return out;
}

/** OSC 52: asks the terminal to put `text` on the clipboard (tmux passes it on with set-clipboard on). */
export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}
