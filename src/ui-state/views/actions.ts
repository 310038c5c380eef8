// The action keys every resource view shares (delete, kill, scale, restart, rollback, edit, cron job trigger and
// suspend, node cordon/uncordon/drain) and the marks (Space, Ctrl-Space, Ctrl-\). A key is listed only where the
// capability layer (api/capabilities.ts: discovery, RBAC, read-only) offers its action; a key hidden by RBAC or
// read-only can still be pressed, and then the request layer's or the server's refusal is what the user reads.
// Each action opens a keyboard-only dialog (dialog.ts) and ends in one flash line (src/actions result); the
// model's one screen boundary (screen-text.ts) makes the server's words safe to paint.
import type { Key } from 'ink';
import { permissionsFor, type Action } from '../../api/capabilities.js';
import {
  deleteResource, drain, editObject, fileEditor, killPod, parseReplicas, restart, rollback, scale, setCordoned, setSuspended, trigger,
  type ActionResult, type Propagation, type Target,
} from '../../actions/index.js';
import { ch, ctrl, type KeyBinding, type KeyContext } from '../keys.js';
import { dialogKey, parseDuration, seconds, type Dialog, type DialogValues } from '../dialog.js';
import type { ResourceView } from '../views.js';
import type { ResourceRef, Row } from '../engine-types.js';
import { cellOf } from './resource-table.js';
import { submitPortForward } from './streams.js';
import type { ViewContext } from './types.js';
import { cursorStillShown, rowUnderCursor } from './cursor-row.js';

const isResource = (c: KeyContext) => c.view.kind === 'resource';
const applies = (action: Action) => (c: KeyContext) => isResource(c) && !!c.ref && permissionsFor(c.ref, action) !== undefined;
const offered = (action: Action) => (c: KeyContext) => applies(action)(c) && (c.can ? c.can(action) : !c.readOnly);

function actionKey(action: Action, label: string, help: string, match: KeyBinding['match'], hint?: string): KeyBinding {
  return { action: `act:${action}`, label, help, match, available: offered(action), forcible: applies(action), ...(hint ? { hint } : {}) };
}

export const ACTION_KEYS: KeyBinding[] = [
  actionKey('delete', 'Ctrl-D', 'delete (marked rows, or the row)', ctrl('d'), 'delete'),
  actionKey('kill', 'Ctrl-K', 'kill: delete now, grace 0 (marked rows, or the row)', ctrl('k')),
  actionKey('scale', 's', 'scale', ch('s'), 'scale'),
  actionKey('restart', 'r', 'rollout restart (marked rows, or the row)', ch('r'), 'restart'),
  actionKey('rollback', 'Ctrl-L', 'roll the deployment back to this replica set', ctrl('l')),
  actionKey('trigger', 't', 'trigger a job now', ch('t'), 'trigger'),
  actionKey('suspend', 's', 'suspend / resume', ch('s'), 'suspend'),
  actionKey('edit', 'e', 'edit ($KUBE_EDITOR / $EDITOR)', ch('e'), 'edit'),
  actionKey('cordon', 'c', 'cordon', ch('c'), 'cordon'),
  { ...actionKey('cordon', 'u', 'uncordon', ch('u')), action: 'act:uncordon' },
  actionKey('drain', 'r', 'drain (evictions, honouring disruption budgets)', ch('r'), 'drain'),
  { action: 'mark', label: 'Space', help: 'mark / unmark the row', match: (i, k) => i === ' ' && !k.ctrl && !k.meta, available: isResource },
  { action: 'markRange', label: 'Ctrl-Space', help: 'mark from the last mark to here', match: (i, k) => (k.ctrl && (i === ' ' || i === '`' || i === '@')) || i === '\x00', available: isResource },
  { action: 'clearMarks', label: 'Ctrl-\\', help: 'clear marks', match: (i, k) => i === '\x1c' || (k.ctrl && i === '\\'), available: isResource },
];

/** Actions that act on every marked row. */
const MULTI = new Set(['delete', 'kill', 'restart']);

function rowAt(ctx: ViewContext, i: number): Row | undefined {
  return ctx.data.rows?.rows(i, i + 1)[0];
}

/** The rows an action works on: the marked ones (still shown) for multi-row actions, else the cursor's. */
function targetRows(ctx: ViewContext, multi: boolean): Row[] {
  const view = ctx.view as ResourceView;
  const rows = ctx.data.rows;
  if (multi && view.marks?.length && rows) {
    const marked = view.marks.map((uid) => rows.indexOfUid(uid)).filter((i) => i >= 0).sort((a, b) => a - b).map((i) => rowAt(ctx, i)!);
    if (marked.length) return marked;
  }
  const r = rowUnderCursor(ctx);
  return r ? [r] : [];
}

const who = (ref: ResourceRef, r: { namespace?: string; name: string }) => `${ref.kind.toLowerCase()} ${ref.namespaced && r.namespace ? `${r.namespace}/` : ''}${r.name}`;

function listing(ref: ResourceRef, rows: Row[]): string[] {
  const shown = rows.slice(0, 8).map((r) => who(ref, r) + (r.deletionTimestamp ? ' (Terminating: deletion already requested)' : ''));
  return rows.length > 8 ? [...shown, `…and ${rows.length - 8} more`] : shown;
}

function titleFor(verb: string, ref: ResourceRef, rows: Row[]): string {
  return rows.length === 1 ? `${verb} ${who(ref, rows[0]!)}?` : `${verb} ${rows.length} ${ref.resource}?`;
}

function open(ctx: ViewContext, action: string, title: string, rows: Row[], fields: Dialog['fields'] = [], lines?: string[]): void {
  const ref = ctx.data.ref!;
  ctx.dispatch({
    type: 'dialog',
    dialog: { action, title, lines: lines ?? (rows.length > 1 ? listing(ref, rows) : listing(ref, rows).filter((l) => l.includes('Terminating'))), fields, focus: 0, targets: rows.map((r) => ({ namespace: r.namespace, name: r.name, uid: r.uid, terminating: !!r.deletionTimestamp })) },
  });
}

/** The replicas a scalable row shows now: "2/3" (READY) → 3, else the Desired column. */
function currentReplicas(ctx: ViewContext, row: Row): string {
  const cols = ctx.data.store?.columns ?? [];
  const desired = cellOf(row, cols, 'Desired');
  if (desired) return desired;
  const ready = cellOf(row, cols, 'Ready');
  return ready?.includes('/') ? ready.split('/')[1]! : '';
}

/** Handles the action keys; false for any other action. */
export function actionKeys(action: string, ctx: ViewContext): boolean {
  if (ctx.view.kind !== 'resource') return false;
  const view = ctx.view;
  switch (action) {
    case 'mark': {
      if (!cursorStillShown(ctx)) return true;
      const uid = ctx.list.uidAt(ctx.cursor);
      if (!uid) return true;
      const marks = view.marks ?? [];
      const next = marks.includes(uid) ? marks.filter((m) => m !== uid) : [...marks, uid];
      const below = Math.min(ctx.cursor + 1, Math.max(0, ctx.list.length - 1));
      ctx.patch({ marks: next, cursorIndex: below, cursorUid: ctx.list.uidAt(below) });
      return true;
    }
    case 'markRange': {
      const marks = view.marks ?? [];
      const anchor = marks.length ? ctx.list.indexOf(marks[marks.length - 1]) : -1;
      const from = anchor < 0 ? ctx.cursor : Math.min(anchor, ctx.cursor);
      const to = anchor < 0 ? ctx.cursor : Math.max(anchor, ctx.cursor);
      const range: string[] = [];
      for (let i = from; i <= to; i++) {
        const uid = ctx.list.uidAt(i);
        if (uid && !marks.includes(uid)) range.push(uid);
      }
      ctx.patch({ marks: [...marks, ...range] });
      return true;
    }
    case 'clearMarks':
      ctx.patch({ marks: [] });
      return true;
  }
  if (!action.startsWith('act:')) return false;
  const name = action.slice(4);
  const ref = ctx.data.ref;
  const rows = targetRows(ctx, MULTI.has(name));
  if (!ref || rows.length === 0) return true;
  const row = rows[0]!;
  switch (name) {
    case 'delete':
      open(ctx, name, titleFor('Delete', ref, rows), rows, [
        { kind: 'choice', name: 'propagation', label: 'propagation', options: ['Background', 'Foreground', 'Orphan'], value: 'Background' },
        { kind: 'text', name: 'grace', label: 'grace period (s)', value: '', hint: 'empty: the object\'s own', validate: seconds },
        { kind: 'toggle', name: 'force', label: 'force', value: false },
      ]);
      return true;
    case 'kill':
      open(ctx, name, titleFor('Kill (grace period 0)', ref, rows), rows);
      return true;
    case 'restart':
      open(ctx, name, titleFor('Restart', ref, rows), rows);
      return true;
    case 'scale':
      open(ctx, name, titleFor('Scale', ref, rows), rows, [
        { kind: 'text', name: 'replicas', label: 'replicas', value: currentReplicas(ctx, row), validate: (t) => (parseReplicas(t) === undefined ? 'a whole number, 0 or more' : undefined) },
      ]);
      return true;
    case 'rollback':
      open(ctx, name, `Roll back the deployment of replica set ${row.namespace}/${row.name} to its pod template?`, rows);
      return true;
    case 'trigger':
      open(ctx, name, `Trigger cronjob ${row.namespace}/${row.name} now?`, rows);
      return true;
    case 'suspend': {
      const suspended = cellOf(row, ctx.data.store?.columns ?? [], 'Suspend') === 'True';
      open(ctx, suspended ? 'resume' : 'suspend', `${suspended ? 'Resume' : 'Suspend'} cronjob ${row.namespace}/${row.name}?`, rows);
      return true;
    }
    case 'drain':
      open(ctx, name, `Drain node ${row.name}?`, rows, [
        { kind: 'toggle', name: 'ignoreDaemonSets', label: 'ignore daemon sets', value: true },
        { kind: 'toggle', name: 'deleteEmptyDirData', label: 'delete emptyDir data', value: true },
        { kind: 'toggle', name: 'force', label: 'force (pods without a controller)', value: false },
        { kind: 'text', name: 'grace', label: 'grace period (s)', value: '', hint: 'empty: each pod\'s own', validate: seconds },
        { kind: 'text', name: 'timeout', label: 'timeout', value: '60s', validate: (t) => (parseDuration(t) === undefined ? 'a duration such as 60s, 5m' : undefined) },
      ], ['cordons the node, then evicts its pods through the Eviction API']);
      return true;
    case 'cordon':
    case 'uncordon':
      run(ctx, `${name === 'cordon' ? 'cordoning' : 'uncordoning'} node ${row.name}…`, (client) => setCordoned(client, row.name, name === 'cordon'));
      return true;
    case 'edit': {
      const target: Target = { ref, namespace: row.namespace, name: row.name };
      const env = process.env;
      const editor = fileEditor(env, async (command, args) => {
        const r = await ctx.services.handOverTerminal({ command, args });
        return r.error ? 1 : (r.code ?? 1);
      });
      run(ctx, `editing ${who(ref, row)}…`, (client) => editObject(client, target, editor));
      return true;
    }
  }
  return false;
}

type Client = Parameters<typeof deleteResource>[0];

/** Runs an action against the current context's action client and flashes its result line. */
function run(ctx: ViewContext, pending: string, act: (client: Client) => Promise<ActionResult>): void {
  const client = ctx.backend.actionClient?.(ctx.state.context);
  if (!client) {
    ctx.flash('actions are not available here (no connection to act through)', 'error');
    return;
  }
  ctx.flash(pending, 'info');
  void act(client).then(
    (r) => ctx.flash(r.message, r.ok ? 'info' : 'error'),
    (e: unknown) => ctx.flash(e instanceof Error ? e.message : String(e), 'error'),
  );
}

/** Runs every target one after the other; the flash says how many succeeded, or the first failure as sent. */
async function each(targets: Target[], act: (t: Target) => Promise<ActionResult>): Promise<ActionResult> {
  const results: ActionResult[] = [];
  for (const t of targets) results.push(await act(t));
  const failed = results.filter((r) => !r.ok);
  if (results.length === 1) return results[0]!;
  if (failed.length === 0) return { ok: true, message: `${results[0]!.message} and ${results.length - 1} more` };
  return { ok: false, message: `${results.length - failed.length} of ${results.length} done; ${failed[0]!.message}` };
}

/** A key in an open dialog: edit it, cancel it, or run its action. */
export function dialogInput(ctx: ViewContext, input: string, key: Key): void {
  const d = ctx.state.dialog;
  if (!d) return;
  const out = dialogKey(d, input, key);
  if (out.kind === 'open') {
    ctx.dispatch({ type: 'dialog', dialog: out.dialog });
    return;
  }
  ctx.dispatch({ type: 'dialog' });
  if (out.kind === 'cancel') {
    ctx.flash('cancelled', 'info');
    return;
  }
  submit(ctx, out.dialog, out.values);
}

function submit(ctx: ViewContext, d: Dialog, v: DialogValues): void {
  if (d.action === 'port-forward') return submitPortForward(ctx, d, v);
  const ref = ctx.data.ref;
  if (!ref) return;
  const targets: Target[] = d.targets.map((t) => ({ ref, namespace: t.namespace, name: t.name }));
  const first = targets[0]!;
  const graceText = typeof v.grace === 'string' ? v.grace.trim() : '';
  const grace = graceText === '' ? undefined : Number(graceText);
  const clearMarks = () => ctx.patch({ marks: [] });
  switch (d.action) {
    case 'delete':
      clearMarks();
      run(ctx, `deleting ${targets.length === 1 ? who(ref, first) : `${targets.length} ${ref.resource}`}…`, (c) =>
        each(targets, (t) => deleteResource(c, t, { propagation: v.propagation as Propagation, gracePeriodSeconds: grace, force: v.force === true }, d.targets.find((x) => x.name === t.name && x.namespace === t.namespace)?.terminating)));
      return;
    case 'kill':
      clearMarks();
      run(ctx, `killing ${targets.length === 1 ? who(ref, first) : `${targets.length} ${ref.resource}`}…`, (c) => each(targets, (t) => killPod(c, t)));
      return;
    case 'restart':
      clearMarks();
      run(ctx, `restarting ${targets.length === 1 ? who(ref, first) : `${targets.length} ${ref.resource}`}…`, (c) => each(targets, (t) => restart(c, t)));
      return;
    case 'scale':
      run(ctx, `scaling ${who(ref, first)}…`, (c) => scale(c, first, parseReplicas(String(v.replicas))!));
      return;
    case 'rollback':
      run(ctx, `rolling back to ${first.name}…`, (c) => rollback(c, first));
      return;
    case 'trigger':
      run(ctx, `triggering ${who(ref, first)}…`, (c) => trigger(c, first));
      return;
    case 'suspend':
    case 'resume':
      run(ctx, `${d.action === 'suspend' ? 'suspending' : 'resuming'} ${who(ref, first)}…`, (c) => setSuspended(c, first, d.action === 'suspend'));
      return;
    case 'drain': {
      const opts = {
        ignoreDaemonSets: v.ignoreDaemonSets === true, deleteEmptyDirData: v.deleteEmptyDirData === true, force: v.force === true,
        gracePeriodSeconds: grace, timeoutMs: parseDuration(String(v.timeout))!,
      };
      run(ctx, `draining node ${first.name}…`, (c) => drain(c, first.name, opts, (line) => ctx.flash(line, 'warn')));
      return;
    }
  }
}
