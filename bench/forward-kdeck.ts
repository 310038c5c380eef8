// kdeck's port-forward as the dashboard runs it (real kubeconfig loader, transport and src/streams/port-forward.ts),
// alone in its process so its CPU is measured apart. Args: kubeconfig namespace pod port. Sends { port } (the local
// port it listens on) once listening; { exit: true } stops it. The forward's own stats are sent on { stats: true }.
import { loadConnection } from '../src/kubeconfig/index.js';
import { createClient } from '../src/transport/index.js';
import { startPortForward } from '../src/streams/port-forward.js';

const [kubeconfig, namespace, pod, port] = process.argv.slice(2) as [string, string, string, string];
const client = createClient(loadConnection({ kubeconfig }, { env: {}, homeDir: '/nonexistent' }));
const ac = new AbortController();
const fwd = await startPortForward(client, { namespace, pod, remotePort: Number(port), localAddress: '127.0.0.1', localPort: 0 }, ac.signal);
fwd.done.catch((err: unknown) => {
  console.error(`bench: kdeck's forward ended: ${(err as Error).message}`);
  process.exit(1);
});
process.on('message', async (m: { exit?: boolean; stats?: boolean }) => {
  if (m.stats) process.send!({ stats: { ...fwd.stats } });
  if (m.exit) {
    ac.abort();
    await fwd.done.catch(() => undefined);
    await client.close();
    process.exit(0);
  }
});
process.send!({ port: fwd.port });
