// Looking inside one object: describe (`d`), YAML (`y`, live), logs (`l`/`p`) and a pod's containers (Enter).
// Each is a text view: the cursor is the first line on screen, so the shared moving keys scroll it; a logs view
// whose cursor is on FOLLOW_END follows the end. Everything shown passes through the one sanitiser.
import { ch, ctrl, type KeyBinding } from '../keys.js';
import { errorMessage } from '../status.js';
import { FOLLOW_END, inspectView, resourceView, type InspectView } from '../views.js';
import { sanitize } from '../../text/sanitize.js';
import { objectYaml, searchLines } from '../../inspect/yaml.js';
import { compileFilter, formatEntry, SINCE_KEYS } from '../../inspect/logs/view-model.js';
import { describeStates, type LogEntry } from '../../inspect/logs/session.js';
import { saveLogLines } from '../../inspect/logs/save.js';
import { describeProbe } from '../../inspect/describe/containers.js';
import { canonicalQuantity } from '../../inspect/describe/quantity.js';
import type { BodyModel, CursorList, TextLine, ViewContext, ViewModule } from './types.js';
import { CONTAINER_STREAM_KEYS, containerStreamAction } from './streams.js';

type Obj = Record<string, any>;
const isInspect = (mode: InspectView['mode']) => (c: { view: { kind: string; mode?: string } }) => c.view.kind === 'inspect' && c.view.mode === mode;
const iv = (ctx: { view: unknown }) => ctx.view as InspectView;
const shortName = (v: InspectView) => `${v.resource.split('.')[0]}/${v.name}`;
const safe = (s: string) => sanitize(s, { expandTabs: 8 });

/** A text view's cursor list: one position per first line, the last one showing the end. */
function textList(total: number, height: number, follow: boolean): CursorList {
  const length = Math.max(1, total - Math.max(1, height) + 1);
  return {
    length,
    uidAt: (i) => (follow && i === length - 1 ? FOLLOW_END : undefined),
    indexOf: (uid) => (uid === FOLLOW_END ? length - 1 : -1),
  };
}

/** The pending/error body every inspect view shares, or undefined when there is data to show. */
function pendingBody(ctx: ViewContext, title: string, what: string): BodyModel | undefined {
  const d = ctx.data.inspect;
  if (!ctx.data.catalogue) return { kind: 'message', title, message: { title: `loading ${what}…`, lines: [], tone: 'info' } };
  if (!d?.ref && !d?.error) {
    if (ctx.data.catalogue && !ctx.data.catalogue.resolve(iv(ctx).resource)) return { kind: 'message', title, message: { title: `unknown resource "${iv(ctx).resource}"`, lines: [], tone: 'error' } };
    return { kind: 'message', title, message: { title: `loading ${what}…`, lines: [], tone: 'info' } };
  }
  if (d.error) return { kind: 'message', title, message: errorMessage(`cannot show the ${what} of ${shortName(iv(ctx))}`, d.error) };
  if (d.pending) return { kind: 'message', title, message: { title: `loading ${what}…`, lines: [], tone: 'info' } };
  return undefined;
}

function windowOf(lines: TextLine[], ctx: ViewContext): TextLine[] {
  return lines.slice(ctx.cursor, ctx.cursor + ctx.tableHeight);
}

const scrollTo = (ctx: ViewContext, line: number) => ctx.patch({ cursorIndex: Math.max(0, line), cursorUid: undefined } as never);
const patchInspect = (ctx: ViewContext, p: Partial<InspectView>) => ctx.dispatch({ type: 'patchTop', patch: p });

// ---- describe -------------------------------------------------------------------------------------------------

function describeLines(ctx: Pick<ViewContext, 'data'>): string[] {
  return (ctx.data.inspect?.text ?? '').replace(/\n$/, '').split('\n');
}

export const describeModule: ViewModule = {
  id: 'describe',
  kind: 'inspect',
  keys: [
    { action: 'events', label: 'e', help: 'events of this object', hint: 'events', match: ch('e') },
    { action: 'toYaml', label: 'y', help: 'YAML of this object', hint: 'yaml', match: ch('y') },
  ],
  onAction(action, ctx) {
    const v = iv(ctx);
    if (action === 'events') {
      const ref = ctx.data.inspect?.ref;
      const field = `involvedObject.name=${v.name}${ref ? `,involvedObject.kind=${ref.kind}` : ''}`;
      ctx.dispatch({ type: 'push', view: resourceView('events', ref?.namespaced ? v.namespace : undefined, { fieldSelector: field, crumb: `events ${v.name}` }) });
      return true;
    }
    if (action === 'toYaml') {
      ctx.dispatch({ type: 'push', view: inspectView('yaml', v.resource, v.namespace, v.name) });
      return true;
    }
    return false;
  },
  list: (ctx) => textList(describeLines(ctx).length, ctx.tableHeight, false),
  body(ctx) {
    const title = `describe ${shortName(iv(ctx))}`;
    const pending = pendingBody(ctx, title, 'description');
    if (pending) return pending;
    const lines = describeLines(ctx).map((text): TextLine => ({ text: safe(text), ...(/^[A-Z][\w -]*:/.test(text) ? { tone: 'header' as const } : /^\s+Warning\s/.test(text) ? { tone: 'warn' as const } : {}) }));
    return { kind: 'text', title, lines: windowOf(lines, ctx), wrap: false, status: `${lines.length} lines · <e> events <y> yaml` };
  },
};

// ---- YAML -----------------------------------------------------------------------------------------------------

function yamlText(ctx: Pick<ViewContext, 'data' | 'view'>): string | undefined {
  const o = ctx.data.inspect?.object;
  if (!o) return undefined;
  const v = iv(ctx);
  return objectYaml(o, { managedFields: v.managedFields, decodeSecret: v.decoded });
}

const yamlLines = (ctx: Pick<ViewContext, 'data' | 'view'>) => (yamlText(ctx) ?? '').replace(/\n$/, '').split('\n');

function jumpToHit(ctx: ViewContext, forward: boolean): void {
  const v = iv(ctx);
  const hits = searchLines(yamlLines(ctx), v.filterText);
  if (!hits.length) return ctx.flash(v.filterText ? `no match for "${sanitize(v.filterText)}"` : 'search first with /', 'info');
  const at = ctx.cursor;
  const next = forward ? hits.find((h) => h > at) ?? hits[0] : [...hits].reverse().find((h) => h < at) ?? hits[hits.length - 1];
  scrollTo(ctx, next);
}

export const yamlModule: ViewModule = {
  id: 'yaml',
  kind: 'inspect',
  keys: [
    { action: 'managedFields', label: 'm', help: 'show/hide managedFields', hint: 'managed', match: ch('m') },
    { action: 'search', label: '/', help: 'search', hint: 'search', match: ch('/') },
    { action: 'nextHit', label: 'n', help: 'next match', match: ch('n') },
    { action: 'prevHit', label: 'N', help: 'previous match', match: ch('N') },
    { action: 'decode', label: 'x', help: 'decode the secret\'s data (and hide it again)', hint: 'decode', match: ch('x'), available: (c) => c.view.kind === 'inspect' && c.ref?.kind === 'Secret' },
    { action: 'copy', label: 'c', help: 'copy the YAML to the clipboard (OSC 52)', hint: 'copy', match: ch('c') },
  ],
  onAction(action, ctx) {
    const v = iv(ctx);
    switch (action) {
      case 'managedFields':
        patchInspect(ctx, { managedFields: !v.managedFields });
        return true;
      case 'search':
        ctx.dispatch({ type: 'mode', mode: 'filter' });
        return true;
      case 'nextHit':
      case 'prevHit':
        jumpToHit(ctx, action === 'nextHit');
        return true;
      case 'decode':
        patchInspect(ctx, { decoded: !v.decoded });
        ctx.flash(v.decoded ? 'secret data hidden again (base64)' : 'secret data decoded: take care who sees your screen', 'warn');
        return true;
      case 'copy': {
        const text = yamlText(ctx);
        if (!text) return true;
        const ok = ctx.services.copyToClipboard?.(text) ?? false;
        ctx.flash(ok ? `copied ${text.split('\n').length - 1} lines of YAML to the clipboard (OSC 52)` : 'no terminal clipboard to copy to', ok ? 'info' : 'warn');
        return true;
      }
    }
    return false;
  },
  list: (ctx) => textList(yamlLines(ctx).length, ctx.tableHeight, false),
  body(ctx) {
    const v = iv(ctx);
    const title = `yaml ${shortName(v)}${v.managedFields ? ' <managedFields>' : ''}${v.decoded ? ' <decoded>' : ''}`;
    const pending = pendingBody(ctx, title, 'YAML');
    if (pending) return pending;
    if (ctx.data.inspect?.object === null) return { kind: 'message', title, message: { title: `${shortName(v)} was deleted`, lines: ['Esc goes back'], tone: 'warn' } };
    const raw = yamlLines(ctx);
    const hits = new Set(searchLines(raw, v.filterText));
    const lines = raw.map((text, i): TextLine => ({ text: safe(text), ...(hits.has(i) ? { tone: 'hit' as const } : {}) }));
    const rv = ctx.data.inspect?.object?.metadata?.resourceVersion;
    const search = v.filterText ? ` · /${sanitize(v.filterText)}: ${hits.size} match(es), n/N` : '';
    return { kind: 'text', title, lines: windowOf(lines, ctx), wrap: false, status: `live · resourceVersion ${rv ?? '?'} · ${raw.length} lines${search}` };
  },
};

// ---- logs -----------------------------------------------------------------------------------------------------

const LOG_KEYS: KeyBinding[] = [
  { action: 'follow', label: 'f', help: 'follow on/off (autoscroll)', hint: 'follow', match: ch('f') },
  { action: 'wrap', label: 'w', help: 'wrap long lines', hint: 'wrap', match: ch('w') },
  { action: 'timestamps', label: 't', help: 'timestamps', hint: 'time', match: ch('t') },
  { action: 'tail', label: '0', help: 'tail (the last lines, then follow)', match: ch('0') },
  { action: 'head', label: '1', help: 'head (from the start of the log)', match: ch('1') },
  ...Object.entries(SINCE_KEYS).map(([k, s]): KeyBinding => ({ action: `since${k}`, label: k, helpLabel: '2-6', help: 'since 1m / 5m / 15m / 30m / 1h', match: ch(k) })),
  { action: 'allContainers', label: 'a', help: 'all containers on/off', hint: 'all', match: ch('a') },
  { action: 'previousRun', label: 'p', help: 'previous run of the container on/off', match: ch('p') },
  { action: 'filter', label: '/', help: 'filter (regex, !inverse)', hint: 'filter', match: ch('/') },
  { action: 'colours', label: 'C', help: 'keep the log\'s own colours (SGR only) on/off', match: ch('C') },
  { action: 'save', label: 'Ctrl-S', help: 'save to a file under $XDG_STATE_HOME/kdeck/logs', hint: 'save', match: ctrl('s') },
  { action: 'clear', label: 'c', help: 'clear the buffer', hint: 'clear', match: ch('c') },
];

/** The buffered entries that pass the filter (not yet formatted: only the window on screen is). */
function filteredEntries(ctx: Pick<ViewContext, 'data' | 'view'>): LogEntry[] {
  const s = ctx.data.inspect?.session;
  if (!s) return [];
  const f = compileFilter(iv(ctx).filterText);
  const out: LogEntry[] = [];
  for (let i = 0; i < s.ring.size; i++) {
    const e = s.ring.at(i)!;
    if (f.test(e.source ? `${e.source} ${e.text}` : e.text)) out.push(e);
  }
  return out;
}

/** Wrapped lines take several rows: keep as many whole lines as fit (the newest when following). */
function fitWrapped(lines: TextLine[], height: number, width: number, fromEnd: boolean): TextLine[] {
  const rows = (l: TextLine) => Math.max(1, Math.ceil([...l.text].length / width));
  const out: TextLine[] = [];
  let used = 0;
  const order = fromEnd ? [...lines].reverse() : lines;
  for (const l of order) {
    if (used + rows(l) > height) break;
    used += rows(l);
    out.push(l);
  }
  return fromEnd ? out.reverse() : out;
}

const restart = (ctx: ViewContext, p: Partial<InspectView>) => patchInspect(ctx, { epoch: (iv(ctx).epoch ?? 0) + 1, ...p });

export const logsModule: ViewModule = {
  id: 'logs',
  kind: 'inspect',
  keys: LOG_KEYS,
  onAction(action, ctx) {
    const v = iv(ctx);
    const since = /^since([2-6])$/.exec(action);
    if (since) {
      restart(ctx, { range: SINCE_KEYS[since[1]].seconds, cursorUid: FOLLOW_END });
      ctx.flash(`logs since ${SINCE_KEYS[since[1]].label}`, 'info');
      return true;
    }
    switch (action) {
      case 'follow':
        patchInspect(ctx, v.cursorUid === FOLLOW_END ? { cursorUid: undefined, cursorIndex: ctx.cursor } : { cursorUid: FOLLOW_END });
        return true;
      case 'wrap':
        patchInspect(ctx, { wrap: !v.wrap });
        return true;
      case 'timestamps':
        patchInspect(ctx, { timestamps: !v.timestamps });
        return true;
      case 'colours':
        patchInspect(ctx, { colours: !v.colours });
        return true;
      case 'tail':
        restart(ctx, { range: 'tail', cursorUid: FOLLOW_END });
        return true;
      case 'head':
        restart(ctx, { range: 'head', cursorUid: undefined, cursorIndex: 0 });
        return true;
      case 'allContainers':
        restart(ctx, { allContainers: !v.allContainers, container: v.allContainers ? v.container : undefined, cursorUid: FOLLOW_END });
        return true;
      case 'previousRun':
        restart(ctx, { previous: !v.previous, cursorUid: v.previous ? FOLLOW_END : undefined, cursorIndex: 0 });
        return true;
      case 'filter':
        ctx.dispatch({ type: 'mode', mode: 'filter' });
        return true;
      case 'clear':
        ctx.data.inspect?.session?.clear();
        patchInspect(ctx, { cursorIndex: 0 });
        return true;
      case 'save': {
        const lines = filteredEntries(ctx).map((e) => formatEntry(e, { timestamps: !!v.timestamps, colours: false }));
        try {
          const file = saveLogLines(`${v.resource.split('.')[0]}-${v.name}${v.container ? `-${v.container}` : ''}`, lines);
          ctx.flash(`saved ${lines.length} lines to ${file}`, 'info');
        } catch (err) {
          ctx.flash(`cannot save the log: ${(err as Error).message}`, 'error');
        }
        return true;
      }
    }
    return false;
  },
  list: (ctx) => textList(filteredEntries(ctx).length, ctx.tableHeight, true),
  body(ctx) {
    const v = iv(ctx);
    const what = `${v.previous ? 'previous ' : ''}logs ${shortName(v)}${v.container ? ` (${v.container})` : v.allContainers ? ' (all containers)' : ''}`;
    const pending = pendingBody(ctx, what, 'logs');
    if (pending) return pending;
    const session = ctx.data.inspect?.session;
    if (!session) return { kind: 'message', title: what, message: { title: 'loading logs…', lines: [], tone: 'info' } };
    const entries = filteredEntries(ctx);
    const follow = v.cursorUid === FOLLOW_END;
    const top = follow ? Math.max(0, entries.length - ctx.tableHeight) : ctx.cursor;
    const fmt = (e: LogEntry): TextLine => ({ text: formatEntry(e, { timestamps: !!v.timestamps, colours: !!v.colours }) });
    let lines = entries.slice(top, top + ctx.tableHeight).map(fmt);
    if (v.wrap) lines = fitWrapped(lines, ctx.tableHeight, Math.max(1, ctx.width), follow);
    const f = compileFilter(v.filterText);
    const range = v.range === 'head' ? 'head' : typeof v.range === 'number' ? `since ${Object.values(SINCE_KEYS).find((s) => s.seconds === v.range)?.label ?? `${v.range}s`}` : 'tail';
    const streams = describeStates(session.targets, session.states);
    const parts = [
      follow ? 'following' : 'paused (f follows)',
      `${entries.length}${v.filterText ? ` of ${session.ring.size}` : ''} lines`,
      range,
      ...(session.targets.length > 1 ? [`${session.targets.length} containers`] : []),
      ...(session.ring.dropped ? [`buffer ${session.ring.capacity} (older dropped)`] : []),
      ...(v.filterText ? [`filter ${sanitize(v.filterText)}${f.error ? ' (as text)' : ''}`] : []),
      ...(v.wrap ? ['wrap'] : []),
      ...(streams ? [safe(streams)] : []),
    ];
    return { kind: 'text', title: what, lines, wrap: !!v.wrap, status: parts.join(' · ') };
  },
};

// ---- containers ---------------------------------------------------------------------------------------------

interface ContainerRow {
  name: string;
  init: boolean;
  cells: string[];
}

function stateOf(s: Obj | undefined): string {
  if (!s?.state) return 'Waiting';
  if (s.state.running) return 'Running';
  if (s.state.terminated) return `Terminated${s.state.terminated.reason ? ` (${s.state.terminated.reason})` : ''}`;
  return s.state.waiting?.reason ?? 'Waiting';
}

function probes(c: Obj): string {
  const p = [c.livenessProbe && 'liveness', c.readinessProbe && 'readiness', c.startupProbe && 'startup'].filter(Boolean);
  return p.length ? p.join(',') : '-';
}

const rl = (c: Obj, res: string) => `${c.resources?.requests?.[res] ? canonicalQuantity(c.resources.requests[res]) : '-'}:${c.resources?.limits?.[res] ? canonicalQuantity(c.resources.limits[res]) : '-'}`;

export function containerRows(pod: Obj): ContainerRow[] {
  const statuses = new Map<string, Obj>([...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].map((s: Obj) => [s.name, s]));
  const row = (c: Obj, init: boolean): ContainerRow => {
    const s = statuses.get(c.name);
    const ports = ((c.ports ?? []) as Obj[]).map((p) => `${p.name ? `${p.name}:` : ''}${p.containerPort}/${p.protocol ?? 'TCP'}`).join(',') || '-';
    return { name: c.name, init, cells: [`${init ? 'init:' : ''}${c.name}`, c.image ?? '', s?.ready ? 'true' : 'false', stateOf(s), String(s?.restartCount ?? 0), probes(c), ports, rl(c, 'cpu'), rl(c, 'memory')] };
  };
  return [...((pod.spec?.initContainers ?? []) as Obj[]).map((c) => row(c, true)), ...((pod.spec?.containers ?? []) as Obj[]).map((c) => row(c, false))];
}

const CONTAINER_HEADER = ['NAME', 'IMAGE', 'READY', 'STATE', 'RESTARTS', 'PROBES', 'PORTS', 'CPU R:L', 'MEM R:L'];

function padColumns(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 2))).join(''));
}

export const containersModule: ViewModule = {
  id: 'containers',
  kind: 'inspect',
  keys: [
    { action: 'containerLogs', label: 'l', help: 'logs of this container', hint: 'logs', match: ch('l') },
    { action: 'containerPrevious', label: 'p', help: 'previous logs of this container', hint: 'previous', match: ch('p') },
    { action: 'enter', label: 'Enter', help: 'logs of this container', match: (_i, k) => k.return },
    ...CONTAINER_STREAM_KEYS,
  ],
  onAction(action, ctx) {
    const v = iv(ctx);
    const pod = ctx.data.inspect?.object;
    const c = pod ? containerRows(pod)[ctx.cursor] : undefined;
    if (containerStreamAction(action, ctx, c && { namespace: v.namespace ?? 'default', pod: v.name, container: c.name })) return true;
    if (action !== 'containerLogs' && action !== 'containerPrevious' && action !== 'enter') return false;
    if (!c) return true;
    ctx.dispatch({ type: 'push', view: inspectView('logs', v.resource, v.namespace, v.name, { container: c.name, previous: action === 'containerPrevious', crumb: `logs ${v.name}/${c.name}` }) });
    return true;
  },
  list(ctx) {
    const pod = ctx.data.inspect?.object;
    const rows = pod ? containerRows(pod) : [];
    return { length: rows.length, uidAt: (i) => rows[i]?.name, indexOf: (uid) => rows.findIndex((r) => r.name === uid) };
  },
  body(ctx) {
    const v = iv(ctx);
    const title = `containers po/${v.name}`;
    const pending = pendingBody(ctx, title, 'containers');
    if (pending) return pending;
    const pod = ctx.data.inspect?.object;
    if (!pod) return { kind: 'message', title, message: { title: `pod ${v.name} was deleted`, lines: ['Esc goes back'], tone: 'warn' } };
    const rows = containerRows(pod);
    const text = padColumns([CONTAINER_HEADER, ...rows.map((r) => r.cells.map(safe))]);
    const lines: TextLine[] = [{ text: text[0], tone: 'header' }, ...text.slice(1).map((t, i): TextLine => ({ text: t, ...(i === ctx.cursor ? { tone: 'cursor' as const } : rows[i].cells[3] !== 'Running' && !rows[i].cells[3].includes('Completed') ? { tone: 'warn' as const } : {}) }))];
    const probeText = rows[ctx.cursor] ? ((pod.spec?.containers ?? []).concat(pod.spec?.initContainers ?? []) as Obj[]).find((c) => c.name === rows[ctx.cursor].name) : undefined;
    const detail = probeText?.readinessProbe ? `readiness: ${describeProbe(probeText.readinessProbe)}` : probeText?.livenessProbe ? `liveness: ${describeProbe(probeText.livenessProbe)}` : '';
    return { kind: 'text', title, lines: lines.slice(0, ctx.tableHeight), wrap: false, status: `${rows.length} container(s) · <l> logs <p> previous${detail ? ` · ${safe(detail)}` : ''}` };
  },
};

export const INSPECT_MODULES: Record<InspectView['mode'], ViewModule> = {
  describe: describeModule,
  yaml: yamlModule,
  logs: logsModule,
  containers: containersModule,
};

export { isInspect };
