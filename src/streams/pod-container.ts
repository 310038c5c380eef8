// Which container of a pod a shell or attach goes to, and what it was started with (stdin, tty): the one the user
// picked, else kubectl's default (the kubectl.kubernetes.io/default-container annotation, else the first).
import type { KubeClient } from '../transport/types.js';

export interface ContainerSpecLike {
  name: string;
  stdin?: boolean;
  tty?: boolean;
}

export interface PodSpecLike {
  metadata: { annotations?: Record<string, string> };
  spec?: { containers?: ContainerSpecLike[]; initContainers?: ContainerSpecLike[] };
}

export function defaultContainer(pod: PodSpecLike): string | undefined {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  return annotated && names.includes(annotated) ? annotated : names[0];
}

/** The spec of `name` (init containers too), or of the default container. */
export function containerSpec(pod: PodSpecLike, name?: string): ContainerSpecLike | undefined {
  const want = name ?? defaultContainer(pod);
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === want);
}

export function fetchPod(client: KubeClient, namespace: string, pod: string): Promise<PodSpecLike> {
  return client.requestJson<PodSpecLike>({ path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}` });
}
