// `:ctx`: the kubeconfig's contexts; Enter switches to the one under the cursor.
import { fitText } from '../format.js';
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
    const contexts = ctx.data.contexts;
    const nameW = Math.max(4, ...contexts.map((c) => c.name.length + 4));
    const clW = Math.max(7, ...contexts.map((c) => c.cluster.length));
    const uW = Math.max(4, ...contexts.map((c) => c.user.length));
    const line = (a: string, b: string, c: string, d: string) => fitText(`${a.padEnd(nameW)} ${b.padEnd(clW)} ${c.padEnd(uW)} ${d}`, ctx.width);
    const visible = contexts.slice(ctx.topRow, ctx.topRow + ctx.tableHeight);
    return {
      kind: 'table',
      title: `contexts[${contexts.length}]`,
      header: line('NAME', 'CLUSTER', 'USER', 'NAMESPACE'),
      stale: false,
      rows: visible.map((c, i) => ({
        uid: c.name,
        text: line(c.name + (c.name === ctx.state.context ? ' (*)' : ''), c.cluster, c.user, c.namespace ?? 'default'),
        health: 'ok',
        cursor: ctx.topRow + i === ctx.cursor,
      })),
    };
  },
};
