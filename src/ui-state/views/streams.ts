// The stream keys of resource views: `s` a shell in the pod (bash, else sh) and `a` an attach to its main process,
// each on the whole terminal through the one hand-over (services.handOverTerminal) and back to the same view and
// cursor with how it ended flashed; the containers view has them for the container under the cursor. `Shift-F` a
// port-forward dialog (pods, containers, services, deployments), the forward then runs as a session (`:pf` lists them).
// A shell or attach the server refuses is a flash line: it is opened before the terminal is handed over.
import { ch, type KeyBinding, type KeyContext } from '../keys.js';
import type { Dialog, DialogValues } from '../dialog.js';
import type { Row } from '../engine-types.js';
import type { Action } from '../../api/capabilities.js';
import { sessions } from '../../sessions/registry.js';
import { openShell, runShellOnTerminal } from '../../streams/shell.js';
import { openAttach, runAttachOnTerminal, type AttachEnd, type AttachPlan } from '../../streams/attach.js';
import { DETACH_LABEL } from '../../streams/detach-keys.js';
import { defaultContainer, fetchPod } from '../../streams/pod-container.js';
import { openForward } from '../../streams/forwards.js';
import { resolveForwardTarget, type ForwardKind } from '../../streams/targets.js';
import type { ExecOutcome } from '../../streams/exec.js';
import type { ViewContext } from './types.js';
import { rowUnderCursor } from './cursor-row.js';

const isPods = (c: KeyContext) => c.view.kind === 'resource' && c.ref?.resource === 'pods' && c.ref.group === '';
const isContainers = (c: KeyContext) => c.view.kind === 'inspect' && (c.view as { mode?: string }).mode === 'containers';
const forwardKind = (c: Pick<KeyContext, 'ref'>): ForwardKind | undefined => {
  const r = c.ref;
  if (!r) return undefined;
  if (r.group === '' && (r.resource === 'pods' || r.resource === 'services')) return r.resource;
  if (r.group === 'apps' && r.resource === 'deployments') return 'deployments';
  return undefined;
};

/** Offered where the capability layer says so (RBAC pods/exec or pods/attach create, not read-only); still
 *  handled when hidden, so that a forced key shows the server's 403 or the read-only refusal. */
function streamKey(action: Action, where: (c: KeyContext) => boolean, b: Omit<KeyBinding, 'available' | 'forcible'>): KeyBinding {
  return { ...b, available: (c) => where(c) && (c.can ? c.can(action) : !c.readOnly), forcible: where };
}

const SHELL_HELP = 'shell (/bin/bash, else /bin/sh)';
const FORWARD_HELP = 'port-forward (:pf lists forwards)';
const ATTACH_HELP = `attach to the main process (${DETACH_LABEL} detaches)`;

export const SHELL_KEYS: KeyBinding[] = [
  streamKey('exec', isPods, { action: 'stream:shell', label: 's', help: `${SHELL_HELP} in the pod's default container`, match: ch('s'), hint: 'shell' }),
  streamKey('attach', isPods, { action: 'stream:attach', label: 'a', help: `${ATTACH_HELP} of the pod's default container`, match: ch('a'), hint: 'attach' }),
];
/** The same keys on a pod's containers (Enter on a pod), for the container under the cursor (Shift-F: its ports). */
export const CONTAINER_STREAM_KEYS: KeyBinding[] = [
  streamKey('exec', isContainers, { action: 'stream:shell', label: 's', help: `${SHELL_HELP} in this container`, match: ch('s'), hint: 'shell' }),
  streamKey('attach', isContainers, { action: 'stream:attach', label: 'a', help: `${ATTACH_HELP} of this container`, match: ch('a'), hint: 'attach' }),
  streamKey('port-forward', isContainers, { action: 'stream:forward', label: 'Shift-F', help: `${FORWARD_HELP} to this container's ports`, match: ch('F'), hint: 'port-forward' }),
];
export const FORWARD_KEYS: KeyBinding[] = [
  streamKey('port-forward', (c) => c.view.kind === 'resource' && !!forwardKind(c), { action: 'stream:forward', label: 'Shift-F', help: FORWARD_HELP, match: ch('F'), hint: 'port-forward' }),
];

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A pod, and the container the user picked (the containers view) or none (the pod's default). */
export interface StreamTarget {
  namespace: string;
  pod: string;
  container?: string;
}

type Level = 'info' | 'warn' | 'error';

function shellEnd(where: string, o: ExecOutcome | undefined, handOverError?: Error): { text: string; level: Level } {
  if (handOverError) return { text: `shell in ${where}: ${handOverError.message}`, level: 'error' };
  if (!o) return { text: `shell in ${where} ended`, level: 'info' };
  if ('exitCode' in o) return { text: `shell in ${where} exited with code ${o.exitCode}`, level: o.exitCode === 0 ? 'info' : 'warn' };
  return { text: `shell in ${where}: ${o.error}`, level: 'error' };
}

/** How an attach ended, for the flash line. */
export function attachEnd(where: string, e: AttachEnd | undefined, handOverError?: Error): { text: string; level: Level } {
  if (handOverError) return { text: `attach to ${where}: ${handOverError.message}`, level: 'error' };
  if (!e) return { text: `attach to ${where} ended`, level: 'info' };
  if ('detached' in e) return { text: `detached from ${where}; its main process keeps running`, level: 'info' };
  // The kubelet ends an attach with Success when the process closes its streams (it exited).
  if ('exitCode' in e) return { text: `attach to ${where} ended: the main process exited${e.exitCode ? ` with code ${e.exitCode}` : ''}`, level: e.exitCode === 0 ? 'info' : 'warn' };
  return { text: `attach to ${where}: ${e.error}`, level: 'error' };
}

/** The line shown on the terminal when an attach starts: where, what the user can do, how to leave. */
export function attachBanner(where: string, plan: AttachPlan): string {
  if (!plan.stdin) return `kdeck: attached to ${where}, output only (the container was started without stdin); ${DETACH_LABEL} or Ctrl-C detaches`;
  return `kdeck: attached to ${where}; ${DETACH_LABEL} detaches${plan.tty ? ' (press Enter if you see no prompt)' : ''}`;
}

const terminalSize = () => ({ columns: process.stdout.columns ?? 80, rows: process.stdout.rows ?? 24 });

function shell(ctx: ViewContext, t: StreamTarget): void {
  const client = ctx.backend.actionClient?.(ctx.state.context);
  if (!client) return ctx.flash('a shell needs a connection to the cluster', 'error');
  ctx.flash(`opening a shell in ${t.namespace}/${t.pod}${t.container ? `/${t.container}` : ''}…`, 'info');
  void (async () => {
    let where = `${t.namespace}/${t.pod}`;
    let open;
    try {
      const container = t.container ?? defaultContainer(await fetchPod(client, t.namespace, t.pod));
      if (container) where += `/${container}`;
      open = await openShell(client, { namespace: t.namespace, pod: t.pod, ...(container ? { container } : {}) }, terminalSize());
    } catch (e) {
      ctx.flash(`shell in ${where} refused: ${message(e)}`, 'error');
      return;
    }
    let outcome: ExecOutcome | undefined;
    const opened = open;
    const r = await ctx.services.handOverTerminal(async (tty) => {
      tty.stdout.write(`kdeck: ${opened.shell} in ${where}; exit the shell to return\r\n`);
      outcome = await runShellOnTerminal(opened, tty);
    });
    const line = shellEnd(where, outcome, r.error);
    ctx.flash(line.text, line.level);
  })();
}

function attach(ctx: ViewContext, t: StreamTarget): void {
  const client = ctx.backend.actionClient?.(ctx.state.context);
  if (!client) return ctx.flash('an attach needs a connection to the cluster', 'error');
  let where = `${t.namespace}/${t.pod}${t.container ? `/${t.container}` : ''}`;
  ctx.flash(`attaching to ${where}… (${DETACH_LABEL} detaches)`, 'info');
  void (async () => {
    let open;
    try {
      open = await openAttach(client, t);
    } catch (e) {
      ctx.flash(`attach to ${where} refused: ${message(e)}`, 'error');
      return;
    }
    where = `${t.namespace}/${t.pod}/${open.plan.container}`;
    let end: AttachEnd | undefined;
    const opened = open;
    const r = await ctx.services.handOverTerminal(async (tty) => {
      tty.stdout.write(`${attachBanner(where, opened.plan)}\r\n`);
      end = await runAttachOnTerminal(opened, tty);
    });
    const line = attachEnd(where, end, r.error);
    ctx.flash(line.text, line.level);
  })();
}

/** `s` / `a` / Shift-F on a pod's container (the containers view); false for other actions. */
export function containerStreamAction(action: string, ctx: ViewContext, target: StreamTarget | undefined): boolean {
  if (action !== 'stream:shell' && action !== 'stream:attach' && action !== 'stream:forward') return false;
  if (!target) return true;
  if (action === 'stream:forward') forwardDialog(ctx, { namespace: target.namespace, name: target.pod }, 'pods', target.container);
  else shellOrAttach(action, ctx, target);
  return true;
}

/** `s` / `a` on a target; false for other actions. */
export function shellOrAttach(action: string, ctx: ViewContext, target: StreamTarget | undefined): boolean {
  if (action !== 'stream:shell' && action !== 'stream:attach') return false;
  if (!target) return true;
  if (action === 'stream:shell') shell(ctx, target);
  else attach(ctx, target);
  return true;
}

function forwardDialog(ctx: ViewContext, row: Pick<Row, 'namespace' | 'name'>, kind: ForwardKind, container?: string): void {
  const client = ctx.backend.actionClient?.(ctx.state.context);
  const ns = row.namespace ?? 'default';
  if (!client) return ctx.flash('a port-forward needs a connection to the cluster', 'error');
  const what = `${kind === 'pods' ? 'pod' : kind === 'services' ? 'svc' : 'deploy'}/${row.name}${container ? ` container ${container}` : ''}`;
  ctx.flash(`looking up the ports of ${what}…`, 'info');
  void resolveForwardTarget(client, kind, ns, row.name, container).then(
    (target) => {
      if (target.ports.length === 0) return ctx.flash(`${what} declares no TCP port to forward to`, 'warn');
      const choices = target.ports.map((p) => `${p.port} (${p.label})`);
      const dialog: Dialog = {
        action: 'port-forward',
        title: `Port-forward to pod ${ns}/${target.pod}${kind === 'pods' ? '' : ` (picked for ${kind === 'services' ? 'service' : 'deployment'} ${row.name})`}`,
        lines: ['connections to the local address go to the pod through the API server'],
        fields: [
          { kind: 'choice', name: 'remote', label: 'container port', options: choices, value: choices[0]! },
          { kind: 'text', name: 'address', label: 'local address', value: '127.0.0.1', validate: (t) => (/^[\w.:-]+$/.test(t.trim()) ? undefined : 'an address such as 127.0.0.1 or localhost') },
          { kind: 'text', name: 'port', label: 'local port', value: String(target.ports[0]!.port), hint: '0: any free port', validate: (t) => (/^\d+$/.test(t.trim()) && Number(t) <= 65535 ? undefined : 'a port number, 0 to 65535') },
        ],
        focus: 0,
        targets: [{ namespace: ns, name: target.pod, uid: target.pod }],
      };
      ctx.dispatch({ type: 'dialog', dialog });
    },
    (e: unknown) => ctx.flash(`port-forward: ${message(e)}`, 'error'),
  );
}

/** The port-forward dialog's submit (called from the dialog handler in actions.ts). */
export function submitPortForward(ctx: ViewContext, d: Dialog, v: DialogValues): void {
  const client = ctx.backend.actionClient?.(ctx.state.context);
  const t = d.targets[0];
  if (!client || !t) return;
  const remotePort = Number(String(v.remote).split(' ')[0]);
  const spec = { namespace: t.namespace ?? 'default', pod: t.name, remotePort, localAddress: String(v.address).trim(), localPort: Number(String(v.port).trim()) };
  void openForward(sessions, client, ctx.state.context, spec).then(
    (info) => {
      ctx.flash(`forwarding ${info.local} → ${spec.pod}:${remotePort} (:pf lists forwards)`, 'info');
      const off = sessions.subscribe((_list, end) => {
        if (end?.info.id !== info.id) return;
        off();
        if (end.how === 'failed') ctx.flash(message(end.error), 'warn');
      });
    },
    (e: unknown) => ctx.flash(`port-forward to ${spec.pod}:${remotePort}: ${message(e)}`, 'error'),
  );
}

/** The stream keys' handler on a resource table; false for other actions. */
export function streamAction(action: string, ctx: ViewContext): boolean {
  if (action !== 'stream:shell' && action !== 'stream:attach' && action !== 'stream:forward') return false;
  const row = rowUnderCursor(ctx);
  if (!row) return true;
  if (action !== 'stream:forward') return shellOrAttach(action, ctx, { namespace: row.namespace ?? 'default', pod: row.name });
  const kind = forwardKind(ctx.data);
  if (kind) forwardDialog(ctx, row, kind);
  return true;
}
