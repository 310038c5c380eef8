// @kubernetes/client-node's informer on all pods (full objects, its own list and watch).
import * as k8s from '@kubernetes/client-node';
import { recordEvent, reportSynced, serveWindows } from './client-protocol.js';

const startedAt = Date.now();
const loaded = new k8s.KubeConfig();
loaded.loadFromFile(process.argv[2]!);
// client-node refuses plain http unless told to skip TLS verification (there is no TLS to verify).
const kc = new k8s.KubeConfig();
kc.loadFromOptions({ clusters: loaded.clusters.map((c) => ({ ...c, skipTLSVerify: true })), users: loaded.users, contexts: loaded.contexts, currentContext: loaded.currentContext });
const core = kc.makeApiClient(k8s.CoreV1Api);
const informer = k8s.makeInformer(kc, '/api/v1/pods', () => core.listPodForAllNamespaces());
const onChange = (obj: k8s.V1Pod) => recordEvent(obj.metadata?.annotations?.['sim.kdeck.io/changed-at']);
informer.on('update', onChange);
informer.on('add', onChange);
informer.on('error', (err: unknown) => process.stderr.write(`client-node informer error: ${String(err).slice(0, 200)}\n`));
await informer.start();
reportSynced(startedAt, informer.list().length);
serveWindows(async () => {
  await informer.stop();
});
