// `a`: attach to a container's main process (pods/attach), as `kubectl attach -it` does: stdin and a tty only
// where the container was started with them (kubectl forces the tty to match the container; a process without
// a tty cannot be given one). A container without stdin is attached output only. Opened before the terminal is
// handed over, so a refusal (403, container not running) is a line on the dashboard; the user leaves with the
// detach keys (detach-keys.ts), and the main process keeps running.
import type { KubeClient } from '../transport/types.js';
import { startExec, type ExecOutcome } from './exec.js';
import { DetachKeys, LineEditor } from './detach-keys.js';
import { holdOutput, runOnTerminal, type HeldSession, type KeyFilter, type Tty } from './on-terminal.js';
import { containerSpec, fetchPod, type PodSpecLike } from './pod-container.js';

export interface AttachPlan {
  container: string;
  /** The container has stdin: typed lines reach its process. */
  stdin: boolean;
  tty: boolean;
}

/** How to attach to `container` (or the default one) of `pod`; undefined when the pod has no such container. */
export function attachPlan(pod: PodSpecLike, container?: string): AttachPlan | undefined {
  const c = containerSpec(pod, container);
  return c ? { container: c.name, stdin: !!c.stdin, tty: !!c.tty } : undefined;
}

export interface OpenAttach extends HeldSession {
  plan: AttachPlan;
}

/** Attaches; throws the API error when the server refuses (forbidden, not found, container not running). */
export async function openAttach(client: KubeClient, target: { namespace: string; pod: string; container?: string }): Promise<OpenAttach> {
  const pod = await fetchPod(client, target.namespace, target.pod);
  const plan = attachPlan(pod, target.container);
  if (!plan) throw new Error(target.container ? `pod ${target.pod} has no container ${target.container}` : `pod ${target.pod} has no containers`);
  const session = await startExec(client, { namespace: target.namespace, pod: target.pod, container: plan.container, stdin: plan.stdin, tty: plan.tty });
  return { ...holdOutput(session), plan };
}

/** The keys of an attach: detach keys always; a process without a tty gets lines edited and echoed here. */
export function attachKeys(plan: AttachPlan): KeyFilter {
  const detach = new DetachKeys(!plan.stdin);
  const lines = plan.stdin && !plan.tty ? new LineEditor() : undefined;
  return (typed) => {
    const k = detach.feed(typed);
    if (!lines) return k;
    const l = lines.feed(k.forward.toString('utf8'));
    return { forward: Buffer.from(l.send), echo: l.echo, detach: k.detach };
  };
}

export type AttachEnd = ExecOutcome | { detached: true };

export function runAttachOnTerminal(open: OpenAttach, tty: Tty): Promise<AttachEnd> {
  return runOnTerminal(open, tty, { keys: attachKeys(open.plan), resize: open.plan.tty });
}
