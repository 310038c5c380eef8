// `kdeck --demo`: two simulated clusters (TLS, churn) in this process, with their kubeconfig in a temp file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Demo {
  kubeconfigPath: string;
  stop(): Promise<void>;
}

export async function startDemo(): Promise<Demo> {
  const { startSimulator } = await import('../simulator/index.js');
  const sim = await startSimulator({ clusters: 2, tls: true, churn: 5 });
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
