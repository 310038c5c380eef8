// :pulses (:pu): the cluster at a glance, updating live — pods by health, deployments and nodes ready or not,
// CPU and memory of allocatable with 10-minute sparklines, warning events per minute. Enter opens the table
// behind the line under the cursor.
import { sparkline } from '../../pulses/summary.js';
import { fitText } from '../format.js';
import { resourceView } from '../views.js';
import type { Health } from '../health.js';
import type { PaintedRow } from '../table-model.js';
import { connectionBody } from './resource-table.js';
import type { CursorList, ViewContext, ViewModule } from './types.js';

const LINES = ['pods', 'deployments', 'nodes', 'cpu', 'mem', 'warnings'] as const;
type Line = (typeof LINES)[number];
/** Where Enter goes from each line: a command, and a filter for the table it opens. */
const JUMP: Record<Line, { command: string; filter?: string }> = {
  pods: { command: 'pods' },
  deployments: { command: 'deployments' },
  nodes: { command: 'nodes' },
  cpu: { command: 'nodes' },
  mem: { command: 'nodes' },
  warnings: { command: 'events', filter: 'Warning' },
};
const SPARK = 40;

const pct = (f: number | undefined) => (f === undefined ? '  n/a' : `${Math.round(f * 100)}%`.padStart(5));

function lineText(ctx: ViewContext, line: Line): { text: string; health: Health } {
  const p = ctx.data.pulses;
  const wait = 'loading…';
  switch (line) {
    case 'pods': {
      const c = p?.pods;
      if (!c) return { text: wait, health: 'pending' };
      return { text: `running ${c.ok}  pending ${c.pending}  failing ${c.failing}  completed ${c.completed}  terminating ${c.terminating}`, health: c.failing ? 'failing' : c.pending ? 'pending' : 'ok' };
    }
    case 'deployments':
    case 'nodes': {
      const c = line === 'nodes' ? p?.nodes : p?.deployments;
      if (!c) return { text: wait, health: 'pending' };
      return { text: `ready ${c.ready}  not ready ${c.notReady}`, health: c.notReady ? 'failing' : 'ok' };
    }
    case 'cpu':
    case 'mem': {
      const s = (line === 'cpu' ? p?.cpu : p?.mem) ?? [];
      if (s.length === 0) return { text: p?.metricsNote ?? 'waiting for metrics…', health: p?.metricsNote ? 'completed' : 'pending' };
      const last = s[s.length - 1];
      return { text: `${pct(last)} of allocatable  ${sparkline(s, SPARK, 1)}  (last 10 min)`, health: last > 0.9 ? 'failing' : last > 0.75 ? 'pending' : 'ok' };
    }
    case 'warnings': {
      const w = p?.warnings;
      if (!w) return { text: wait, health: 'pending' };
      const last = w[w.length - 1];
      return { text: `${String(last).padStart(3)}/min  ${sparkline(w, w.length)}  (${w.reduce((a, b) => a + b, 0)} in the last 10 min)`, health: last ? 'pending' : 'ok' };
    }
  }
}

export const pulsesView: ViewModule = {
  id: 'pulses',
  kind: 'panel',
  keys: [],
  onAction(action, ctx) {
    if (action !== 'enter') return false;
    const line = LINES[ctx.cursor];
    if (!line) return true;
    const jump = JUMP[line];
    // pushed, so Esc comes back to pulses
    ctx.dispatch({ type: 'push', view: resourceView(jump.command, ctx.state.namespace, { filterText: jump.filter ?? '' }) });
    return true;
  },
  list: (): CursorList => ({ length: LINES.length, uidAt: (i) => LINES[i], indexOf: (uid) => LINES.indexOf(uid as Line) }),
  body(ctx) {
    const pending = connectionBody(ctx, 'pulses');
    if (pending) return pending;
    const rows: PaintedRow[] = LINES.map((line, i) => {
      const { text, health } = lineText(ctx, line);
      return { uid: line, text: fitText(`${line.toUpperCase().padEnd(12)} ${text}`, ctx.width), health, cursor: i === ctx.cursor };
    });
    const ns = ctx.state.namespace ?? 'all';
    return { kind: 'table', title: `pulses(${ns})`, header: fitText(`${'WHAT'.padEnd(12)} NOW`, ctx.width), rows, stale: false };
  },
};
