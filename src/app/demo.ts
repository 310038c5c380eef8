// `kdeck --demo`: two simulated clusters (TLS, churn) in this process, with their kubeconfig in a temp file.
// Its contexts open on team-a, the first namespace the simulator always fills, so a newcomer sees pods at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Demo {
  kubeconfigPath: string;
  stop(): Promise<void>;
}

export async function startDemo(): Promise<Demo> {
  const { startSimulator } = await import('../simulator/index.js');
  const sim = await startSimulator({ clusters: 2, tls: true, churn: 5, contextNamespace: 'team-a' });
  const dir = mkdtempSync(join(tmpdir(), 'kdeck-demo-'));
  const kubeconfigPath = join(dir, 'kubeconfig.yaml');
  sim.writeKubeconfig(kubeconfigPath);
  return {
    kubeconfigPath,
    stop: async () => {
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
