// Connections through a SOCKS5 proxy (proxy-url: socks5://[user:pass@]host:port), as client-go dials them: the
// target is sent to the proxy by name (the proxy resolves it) or as an IPv4/IPv6 address, then TLS runs inside the
// tunnel. SNI carries the host name only: for an IP literal no SNI is sent (RFC 6066 allows only host names), as
// kubectl does. undici's own SOCKS5 agent sends the IP literal as SNI, hence this connector.
import { connect as tcpConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { buildConnector } from 'undici';

const VERSION = 0x05;
const NO_AUTH = 0x00;
const USER_PASS = 0x02;
const NO_ACCEPTABLE = 0xff;
const CMD_CONNECT = 0x01;
const ATYP_IPV4 = 0x01;
const ATYP_DOMAIN = 0x03;
const ATYP_IPV6 = 0x04;

const REPLIES: Record<number, string> = {
  1: 'general SOCKS server failure', 2: 'connection not allowed by ruleset', 3: 'network unreachable', 4: 'host unreachable',
  5: 'connection refused', 6: 'TTL expired', 7: 'command not supported', 8: 'address type not supported',
};

/** The SNI to send for a host: its name, or nothing for an IP literal (brackets of IPv6 removed first). */
export function sniFor(host: string): string | undefined {
  const bare = host.replace(/^\[|\]$/g, '');
  return isIP(bare) ? undefined : bare;
}

/** Reads exactly n bytes (more arriving is kept for the next read). */
class Reader {
  private buf = Buffer.alloc(0);
  private waiting: { n: number; resolve: (b: Buffer) => void; reject: (e: Error) => void } | undefined;
  private failed: Error | undefined;
  constructor(private readonly socket: Socket) {
    socket.on('data', this.onData);
    socket.once('error', (e) => this.fail(e));
    socket.once('close', () => this.fail(new Error('the SOCKS5 proxy closed the connection')));
  }
  private readonly onData = (chunk: Buffer) => {
    this.buf = Buffer.concat([this.buf, chunk]);
    this.pump();
  };
  private fail(e: Error): void {
    this.failed ??= e;
    const w = this.waiting;
    this.waiting = undefined;
    w?.reject(this.failed);
  }
  private pump(): void {
    const w = this.waiting;
    if (!w || this.buf.length < w.n) return;
    this.waiting = undefined;
    const out = this.buf.subarray(0, w.n);
    this.buf = this.buf.subarray(w.n);
    w.resolve(out);
  }
  read(n: number): Promise<Buffer> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.waiting = { n, resolve, reject };
      this.pump();
    });
  }
  /** Hands the socket over: nothing may remain buffered (a proxy sends nothing before the tunnel is used). */
  release(): void {
    this.socket.off('data', this.onData);
    this.socket.removeAllListeners('error');
    this.socket.removeAllListeners('close');
    if (this.buf.length > 0) this.socket.unshift(this.buf);
  }
}

function addressBytes(host: string): Buffer {
  const bare = host.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return Buffer.from([ATYP_IPV4, ...bare.split('.').map(Number)]);
  if (family === 6) {
    const halves = bare.split('::');
    const left = halves[0] ? halves[0].split(':') : [];
    const right = halves.length > 1 && halves[1] ? halves[1].split(':') : [];
    const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
    const out = Buffer.alloc(17);
    out[0] = ATYP_IPV6;
    groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16) || 0, 1 + i * 2));
    return out;
  }
  const name = Buffer.from(bare);
  if (name.length > 255) throw new Error(`host name too long for SOCKS5: ${bare.slice(0, 40)}…`);
  return Buffer.concat([Buffer.from([ATYP_DOMAIN, name.length]), name]);
}

/** Opens a TCP tunnel to host:port through the proxy; resolves with the raw socket. */
export async function socks5Tunnel(proxy: URL, host: string, port: number, timeoutMs: number): Promise<Socket> {
  const socket = tcpConnect({ host: proxy.hostname.replace(/^\[|\]$/g, ''), port: Number(proxy.port || 1080) });
  const timer = timeoutMs > 0 ? setTimeout(() => socket.destroy(Object.assign(new Error(`SOCKS5 proxy did not connect within ${timeoutMs} ms`), { code: 'UND_ERR_CONNECT_TIMEOUT' })), timeoutMs) : undefined;
  const reader = new Reader(socket);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const user = decodeURIComponent(proxy.username);
    const pass = decodeURIComponent(proxy.password);
    socket.write(Buffer.from(user ? [VERSION, 2, NO_AUTH, USER_PASS] : [VERSION, 1, NO_AUTH]));
    const [, method] = await reader.read(2);
    if (method === USER_PASS) {
      const u = Buffer.from(user);
      const p = Buffer.from(pass);
      socket.write(Buffer.concat([Buffer.from([0x01, u.length]), u, Buffer.from([p.length]), p]));
      const [, status] = await reader.read(2);
      if (status !== 0) throw new Error('the SOCKS5 proxy refused the username/password of proxy-url');
    } else if (method === NO_ACCEPTABLE || method !== NO_AUTH) {
      throw new Error(`the SOCKS5 proxy accepts none of our authentication methods${user ? '' : ' (it may need a username and password in proxy-url)'}`);
    }
    const portBytes = Buffer.alloc(2);
    portBytes.writeUInt16BE(port);
    socket.write(Buffer.concat([Buffer.from([VERSION, CMD_CONNECT, 0x00]), addressBytes(host), portBytes]));
    const head = await reader.read(4);
    if (head[1] !== 0) throw Object.assign(new Error(`the SOCKS5 proxy could not connect to ${host}:${port}: ${REPLIES[head[1]!] ?? `reply ${head[1]}`}`), { code: head[1] === 5 ? 'ECONNREFUSED' : 'SOCKS5_FAILED' });
    const atyp = head[3];
    const addrLen = atyp === ATYP_IPV4 ? 4 : atyp === ATYP_IPV6 ? 16 : (await reader.read(1))[0]!;
    await reader.read(addrLen + 2);
    reader.release();
    return socket;
  } catch (err) {
    socket.destroy();
    throw Object.assign(err instanceof Error ? err : new Error(String(err)), { message: `proxy: ${(err as Error)?.message ?? err}` });
  } finally {
    clearTimeout(timer);
  }
}

/** An undici connector that dials every origin through the SOCKS5 proxy, TLS (with ALPN for HTTP/2) inside. */
export function socks5Connector(proxy: URL, tls: ConnectionOptions, opts: { allowH2: boolean; timeoutMs?: number }): buildConnector.connector {
  return (options, callback) => {
    const host = options.hostname;
    const https = options.protocol === 'https:';
    const port = Number(options.port || (https ? 443 : 80));
    socks5Tunnel(proxy, host, port, opts.timeoutMs ?? 10_000).then(
      (raw) => {
        if (!https) return callback(null, raw);
        const secure = tlsConnect({
          ...tls,
          socket: raw,
          // host: what the certificate is checked against (with a socket, it is not dialled).
          host: host.replace(/^\[|\]$/g, ''),
          servername: tls.servername || sniFor(host),
          ALPNProtocols: opts.allowH2 ? ['h2', 'http/1.1'] : ['http/1.1'],
        });
        secure.once('secureConnect', () => {
          secure.removeAllListeners('error');
          callback(null, secure);
        });
        secure.once('error', (e) => {
          raw.destroy();
          callback(e, null);
        });
      },
      (err: Error) => callback(err, null),
    );
  };
}
