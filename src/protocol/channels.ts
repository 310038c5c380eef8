// The Kubernetes channel protocol over WebSocket (k8s.io/apimachinery wsstream, remotecommand v4/v5, kubelet
// port-forward), spoken by both ends: the client's streams and the simulator. Every binary message starts with one
// channel byte.
//   exec/attach: 0 stdin, 1 stdout, 2 stderr, 3 error (a Status JSON at the end), 4 resize ({"Width","Height"});
//   v5 adds 255 "close": [255, N] says the sender will write no more on channel N (stdin's half-close).
//   port-forward: for the i-th port of ?ports=, data on 2i and errors on 2i+1; the first message the server sends
//   on each of them is the port number, 2 bytes little-endian.
export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const ERROR = 3;
export const RESIZE = 4;
export const CLOSE = 255;

export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;
export const PORT_FORWARD_PROTOCOLS = ['v4.channel.k8s.io', 'portforward.k8s.io'] as const;

export function encodeFrame(channel: number, data: Uint8Array | string = new Uint8Array(0)): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = channel;
  out.set(body, 1);
  return out;
}

export function decodeFrame(message: Uint8Array): { channel: number; data: Buffer } | undefined {
  if (message.length === 0) return undefined;
  const b = Buffer.isBuffer(message) ? message : Buffer.from(message.buffer, message.byteOffset, message.byteLength);
  return { channel: b[0], data: b.subarray(1) };
}

/** v5's half-close of one channel. */
export function encodeClose(channel: number): Buffer {
  return Buffer.from([CLOSE, channel]);
}

export function encodeResize(width: number, height: number): Buffer {
  return encodeFrame(RESIZE, JSON.stringify({ Width: width, Height: height }));
}

/** The port-number prefix the server sends first on a port's data and error channel. */
export function encodePortPrefix(channel: number, port: number): Buffer {
  return Buffer.from([channel, port & 0xff, (port >> 8) & 0xff]);
}

export function portChannels(index: number): { data: number; error: number } {
  return { data: index * 2, error: index * 2 + 1 };
}
