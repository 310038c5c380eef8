// `:ctx`: the kubeconfig's contexts; Enter switches to the one under the cursor.
import { displayWidth } from '../../text/sanitize.js';
import { cellText, fitText } from '../format.js';

const MAX_COLUMN = 32;
import type { ViewModule } from './types.js';

export const contextsView: ViewModule = {
  id: 'contexts',
  kind: 'contexts',
  keys: [],
  onAction(action, ctx) {
    if (action !== 'enter') return false;
    const name = ctx.data.contexts[ctx.cursor]?.name;
    if (name) ctx.switchContext(name);
    return true;
  },
  list: ({ data }) => ({
    length: data.contexts.length,
    uidAt: (i) => data.contexts[i]?.name,
    indexOf: (uid) => (uid === undefined ? -1 : data.contexts.findIndex((c) => c.name === uid)),
  }),
  body(ctx) {
    // Names come from kubeconfig files: sanitised as cells are, and measured in display columns.
    const contexts = ctx.data.contexts.map((c) => ({ ...c, name: cellText(c.name), cluster: cellText(c.cluster), user: cellText(c.user) }));
    // one long name must not push the other columns (and the TLS warning) off the screen
    const cap = (w: number) => Math.min(w, MAX_COLUMN);
    const nameW = cap(Math.max(4, ...contexts.map((c) => displayWidth(c.name) + 4)));
    const clW = cap(Math.max(7, ...contexts.map((c) => displayWidth(c.cluster))));
    const uW = cap(Math.max(4, ...contexts.map((c) => displayWidth(c.user))));
    const nsW = cap(Math.max(9, ...contexts.map((c) => displayWidth(cellText(c.namespace ?? 'default')))));
    const insecure = contexts.some((c) => c.insecure);
    const line = (a: string, b: string, c: string, d: string, e: string) =>
      fitText(`${fitText(a, nameW)} ${fitText(b, clW)} ${fitText(c, uW)} ${insecure ? `${fitText(d, nsW)} ${e}` : d}`, ctx.width);
    const visible = contexts.slice(ctx.topRow, ctx.topRow + ctx.tableHeight);
    return {
      kind: 'table',
      title: `contexts[${contexts.length}]`,
      header: line('NAME', 'CLUSTER', 'USER', 'NAMESPACE', 'TLS'),
      stale: false,
      rows: visible.map((c, i) => ({
        uid: ctx.data.contexts[ctx.topRow + i].name,
        text: line(c.name + (ctx.data.contexts[ctx.topRow + i].name === ctx.state.context ? ' (*)' : ''), c.cluster, c.user, cellText(c.namespace ?? 'default'), c.insecure ? 'NOT VERIFIED' : ''),
        health: 'ok',
        cursor: ctx.topRow + i === ctx.cursor,
      })),
    };
  },
};
