// The server's side of the Kubernetes WebSocket channel protocol (one channel byte, then data). The client keeps
// its own (src/transport/channels.ts): the simulator imports no client code, and kubectl checks both ends.
export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const ERROR = 3;
export const RESIZE = 4;
export const CLOSE = 255;

export function encodeFrame(channel: number, data: Uint8Array | string = new Uint8Array(0)): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([Buffer.from([channel]), body]);
}

export function decodeFrame(message: Buffer): { channel: number; data: Buffer } | undefined {
  return message.length === 0 ? undefined : { channel: message[0], data: message.subarray(1) };
}

/** Port i of ?ports= speaks on data channel 2i and error channel 2i+1; each opens with the port, 2 bytes LE. */
export function portChannels(index: number): { data: number; error: number } {
  return { data: index * 2, error: index * 2 + 1 };
}

export function encodePortPrefix(channel: number, port: number): Buffer {
  return Buffer.from([channel, port & 0xff, (port >> 8) & 0xff]);
}
