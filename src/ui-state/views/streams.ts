// The stream keys of resource views: `s` a shell in the pod (bash, else sh) on the whole terminal, handed over
// through the one hand-over (services.handOverTerminal) and back to the same view and cursor with the exit code
// flashed; `Shift-F` a port-forward dialog (pods, services, deployments), the forward then runs as a session
// (`:pf` lists them). A shell the server refuses is a flash line: it is opened before the terminal is handed over.
import { ch, type KeyBinding, type KeyContext } from '../keys.js';
import type { Dialog, DialogValues } from '../dialog.js';
import type { Row } from '../engine-types.js';
import { sessions } from '../../sessions/registry.js';
import { openShell, runShellOnTerminal } from '../../streams/shell.js';
import { openForward } from '../../streams/forwards.js';
import { resolveForwardTarget, type ForwardKind } from '../../streams/targets.js';
import type { ExecOutcome } from '../../streams/exec.js';
import type { ViewContext } from './types.js';

const isPods = (c: KeyContext) => c.view.kind === 'resource' && c.ref?.resource === 'pods' && c.ref.group === '';
const forwardKind = (c: Pick<KeyContext, 'ref'>): ForwardKind | undefined => {
  const r = c.ref;
  if (!r) return undefined;
  if (r.group === '' && (r.resource === 'pods' || r.resource === 'services')) return r.resource;
  if (r.group === 'apps' && r.resource === 'deployments') return 'deployments';
  return undefined;
};

export const SHELL_KEYS: KeyBinding[] = [
  { action: 'stream:shell', label: 's', help: 'shell in the pod (/bin/bash, else /bin/sh)', match: ch('s'), available: (c) => isPods(c) && !c.readOnly, hint: 'shell' },
];
export const FORWARD_KEYS: KeyBinding[] = [
  { action: 'stream:forward', label: 'Shift-F', help: 'port-forward (:pf lists forwards)', match: ch('F'), available: (c) => c.view.kind === 'resource' && !!forwardKind(c) && !c.readOnly, hint: 'port-forward' },
];

function currentRow(ctx: ViewContext): Row | undefined {
  return ctx.data.rows?.rows(ctx.cursor, ctx.cursor + 1)[0];
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

interface PodSpecLike {
  metadata: { annotations?: Record<string, string> };
  spec?: { containers?: { name: string }[] };
}

/** kubectl's default container: the annotation kubectl.kubernetes.io/default-container, else the first. */
function defaultContainer(pod: PodSpecLike): string | undefined {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  return annotated && names.includes(annotated) ? annotated : names[0];
}

function outcomeLine(where: string, o: ExecOutcome | undefined, handOverError?: Error): { text: string; level: 'info' | 'warn' | 'error' } {
  if (handOverError) return { text: `shell in ${where}: ${handOverError.message}`, level: 'error' };
  if (!o) return { text: `shell in ${where} ended`, level: 'info' };
  if ('exitCode' in o) return { text: `shell in ${where} exited with code ${o.exitCode}`, level: o.exitCode === 0 ? 'info' : 'warn' };
  return { text: `shell in ${where}: ${o.error}`, level: 'error' };
}

function shell(ctx: ViewContext, row: Row): void {
  const client = ctx.backend.actionClient?.(ctx.state.context);
  const ns = row.namespace ?? 'default';
  if (!client) return ctx.flash('a shell needs a connection to the cluster', 'error');
  ctx.flash(`opening a shell in ${ns}/${row.name}…`, 'info');
  void (async () => {
    let where = `${ns}/${row.name}`;
    let open;
    try {
      const pod = await client.requestJson<PodSpecLike>({ path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(row.name)}` });
      const container = defaultContainer(pod);
      if (container) where += `/${container}`;
      open = await openShell(client, { namespace: ns, pod: row.name, ...(container ? { container } : {}) }, { columns: process.stdout.columns ?? 80, rows: process.stdout.rows ?? 24 });
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
    const line = outcomeLine(where, outcome, r.error);
    ctx.flash(line.text, line.level);
  })();
}

function forwardDialog(ctx: ViewContext, row: Row, kind: ForwardKind): void {
  const client = ctx.backend.actionClient?.(ctx.state.context);
  const ns = row.namespace ?? 'default';
  if (!client) return ctx.flash('a port-forward needs a connection to the cluster', 'error');
  ctx.flash(`looking up the ports of ${kind === 'pods' ? 'pod' : kind === 'services' ? 'svc' : 'deploy'}/${row.name}…`, 'info');
  void resolveForwardTarget(client, kind, ns, row.name).then(
    (target) => {
      if (target.ports.length === 0) return ctx.flash(`${row.name} declares no TCP port to forward to`, 'warn');
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

/** The stream keys' handler; false for other actions. */
export function streamAction(action: string, ctx: ViewContext): boolean {
  if (action !== 'stream:shell' && action !== 'stream:forward') return false;
  const row = currentRow(ctx);
  if (!row) return true;
  if (action === 'stream:shell') shell(ctx, row);
  else {
    const kind = forwardKind(ctx.data);
    if (kind) forwardDialog(ctx, row, kind);
  }
  return true;
}
