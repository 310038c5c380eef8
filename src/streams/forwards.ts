// Port-forwards as sessions of the registry (src/sessions): `:pf` lists them, Ctrl-D closes one, exit closes all.
// The numbers a forward keeps (bytes, connections) live here beside the registry's entry, under its id.
import type { SessionRegistry } from '../sessions/registry.js';
import type { KubeClient } from '../transport/types.js';
import { startPortForward, type ForwardSpec, type ForwardStats } from './port-forward.js';

export interface ForwardInfo {
  id: string;
  context: string;
  local: string;
  remote: string;
  pod: string;
  namespace: string;
  stats: ForwardStats;
  startedAt: number;
}

const forwards = new Map<string, ForwardInfo>();

/** The numbers of the open forward `id` (undefined once it ended). */
export function forwardInfo(id: string): ForwardInfo | undefined {
  return forwards.get(id);
}

/** Opens a forward as a session; resolves once it listens (with its session id and local address). */
export function openForward(registry: SessionRegistry, client: KubeClient, context: string, spec: ForwardSpec): Promise<ForwardInfo> {
  return new Promise((resolve, reject) => {
    let listening = false;
    const title = `${spec.namespace}/${spec.pod} ${spec.localAddress}:${spec.localPort || '?'}→${spec.remotePort}`;
    const handle = registry.open({ kind: 'port-forward', context, title }, async (ctl) => {
      const fwd = await startPortForward(client, spec, ctl.signal);
      const info: ForwardInfo = {
        id: ctl.id, context, local: `${fwd.address.includes(':') ? `[${fwd.address}]` : fwd.address}:${fwd.port}`, remote: String(spec.remotePort),
        pod: spec.pod, namespace: spec.namespace, stats: fwd.stats, startedAt: Date.now(),
      };
      forwards.set(ctl.id, info);
      listening = true;
      ctl.active(`${info.local} → ${spec.pod}:${spec.remotePort}`);
      resolve(info);
      try {
        await fwd.done;
      } finally {
        forwards.delete(ctl.id);
      }
    });
    void handle.ended.then((end) => {
      if (!listening) reject(end.error instanceof Error ? end.error : new Error(String(end.error ?? 'the port-forward did not start')));
    });
  });
}
