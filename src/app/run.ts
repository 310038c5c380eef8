// Runs the dashboard: everything that can fail on bad input (flags, config, kubeconfig, context, interactive
// credentials) happens BEFORE the screen is taken, so errors print as one clear screen on the normal terminal.
// The data path starts here too, before Ink and React are even loaded: the server's version, discovery (from the
// disk cache when fresh) and the start view's list are on the wire while src/app/screen.tsx imports the UI.
import { endRunningPlugins, prepareInteractiveCredentials, redactSecrets } from '../auth/index.js';
import { loadConfig, readOnlyReason } from '../config/config.js';
import { KdeckError, KubeconfigError } from '../errors.js';
import { loadConnection, processEnvironment } from '../kubeconfig/index.js';
import type { KubeconfigOverrides } from '../kubeconfig/types.js';
import { KDECK_VERSION } from '../transport/index.js';
import { checkFavourites } from '../ui-state/favourites.js';
import { HELP, parseDashboardFlags } from './flags.js';
import { sessions } from '../sessions/registry.js';
import { LiveBackend } from '../ui-state/live-backend.js';
import type { DashboardOptions } from '../ui-state/use-dashboard.js';
import { sanitizeBlock } from '../text/sanitize.js';
import { resolve } from 'node:path';
import { loadUserConfig } from '../config/user-config.js';
import { favouritesPath, pluginLogDir } from '../config/paths.js';
import { parseCommand } from '../ui-state/command.js';
import { discoveryCacheDir } from '../config/paths.js';
import type { ScreenOptions } from './screen.js';
import type { CatalogueView, InformerLease, ResourceRef } from '../ui-state/engine-types.js';
import { trace, traceOnce, traceTerminal, tracing } from './startup-trace.js';
import { primeSettled } from '../ui-state/settled.js';
import { colourDespiteCi } from './terminal-colour.js';
import { capYoungGeneration } from './young-generation.js';
import { importEagerly } from './eager-compile.js';

/**
 * One screen: what is wrong, where, how to fix. Never a stack, never a secret, never a control sequence: messages
 * quote context names, file paths and server text, so the whole screen is redacted and sanitised.
 */
export function formatError(e: unknown): string {
  return sanitizeBlock(redactSecrets(errorScreen(e)));
}

function errorScreen(e: unknown): string {
  if (e instanceof KdeckError) {
    const lines = [`kdeck: ${e.message}`];
    if (e instanceof KubeconfigError && e.file && !e.message.includes(e.file)) lines.push(`  file: ${e.file}`);
    if (e.hint) lines.push(`  ${e.hint}`);
    return lines.join('\n') + '\n';
  }
  const msg = e instanceof Error ? e.message : String(e);
  return `kdeck: unexpected error: ${msg.split('\n')[0]}\n  please report it with the command you ran\n`;
}

/** A table header line (NAMESPACE NAME … or NAME …) with a row under it, in a terminal write without its escapes. */
const TABLE_WITH_ROW = /^(NAMESPACE +)?NAME +.*\n\S/m;

/** Core v1 pods, as every API server serves them (the default view's list starts without discovery). */
const CORE_PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', singular: 'pod', namespaced: true, shortNames: ['po'], verbs: ['get', 'list', 'watch'], categories: ['all'] };
/**
 * The first screen waits for the start view's whole list at most this long (then it shows what has come, or Ink
 * shows "loading"). Once it is painted (pre-paint.ts), the UI modules load.
 */
const LIST_WAIT_MS = 200;

/** True once `reached(informer)` holds (checked now and on each notification), false if it still does not after `ms`. */
function informerWithin(informer: InformerLease['informer'], reached: (i: InformerLease['informer']) => boolean, ms: number): Promise<boolean> {
  if (reached(informer)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const off = informer.subscribe(() => {
      if (!reached(informer)) return;
      off();
      clearTimeout(timer);
      resolve(true);
    });
    const timer = setTimeout(() => {
      off();
      resolve(reached(informer));
    }, ms);
  });
}

/**
 * The whole first list is in (or the informer gave up): not its first streamed rows, or the UI's loading would stall
 * the rest of the stream.
 */
const listDone = (i: InformerLease['informer']) => i.state().phase !== 'syncing';
/** Rows are in, or the list is over. */
const rowsIn = (i: InformerLease['informer']) => i.store.size > 0 || listDone(i);

/**
 * A start list without rows this long after it went out is far away (a remote cluster, a slow server): the UI modules
 * load while it travels instead of after the first screen. A local server's first rows come in ~50 ms.
 */
const NEAR_LIST_MS = 100;

/** How long start-up waits for discovery to check `-c RESOURCE`; past it the dashboard opens and shows. */
const START_CHECK_MS = 5000;

/**
 * The view kdeck opens on: `-c` (through the config's aliases, e.g. `dp: deployments` or
 * `sys: pods -n kube-system`), else the config's defaultView. A resource that discovery does not know is refused
 * here, before the screen is taken; an unreachable cluster skips the check (the dashboard then shows why).
 */
async function startView(
  command: string | undefined,
  config: { defaultView: string; aliases: Record<string, string> },
  catalogue: (fresh?: boolean) => Promise<CatalogueView>,
  parsed: (start: { resource: string; namespace?: string }) => void,
): Promise<{ resource: string; namespace?: string; catalogue?: CatalogueView }> {
  const line = command ?? config.defaultView;
  const cmd = parseCommand(line, config.aliases);
  const from = command !== undefined ? '-c' : 'defaultView';
  if (cmd.kind === 'invalid') throw new KdeckError('usage', `${from} "${line}": ${cmd.message}`, 'run `kdeck --help` for the flags');
  if (cmd.kind !== 'resource' && cmd.kind !== 'namespaces') throw new KdeckError('usage', `${from} "${line}" is not a resource`, 'give a resource such as pods, deploy or svc');
  const resource = cmd.kind === 'namespaces' ? 'namespaces' : cmd.resource;
  const namespace = cmd.kind === 'resource' ? cmd.namespace : undefined;
  parsed({ resource, namespace });
  const within = <T,>(p: Promise<T>) => Promise.race([p.catch(() => undefined), new Promise<undefined>((r) => setTimeout(() => r(undefined), START_CHECK_MS).unref())]);
  let known = await within(catalogue());
  // A name the cached discovery does not know may be new on the server (a CRD installed since): ask it again, as
  // kubectl does on a miss, before calling the name unknown.
  if (known && !known.resolve(resource)) known = await within(catalogue(true));
  if (known && !known.resolve(resource)) {
    throw new KdeckError('usage', `${from}: unknown resource "${resource}"`, 'see the resources the cluster serves with `kubectl api-resources`; aliases come from config.yaml');
  }
  return { resource, namespace, catalogue: known };
}

/**
 * The namespace kdeck opens in (undefined = all): -A, else -n, else the one `-c` names (`-c "pods -n x"` via an
 * alias, "" = all), else the context's (also under --demo, whose contexts say "default").
 */
export function startNamespace(flags: { allNamespaces: boolean; namespace?: string }, start: { namespace?: string }, contextNamespace: string): string | undefined {
  if (flags.allNamespaces) return undefined;
  if (flags.namespace) return flags.namespace;
  if (start.namespace === '') return undefined;
  return start.namespace ?? contextNamespace;
}

/**
 * The UI modules (Ink, React, the components), compiled whole so that the compile cache keeps what the first frame
 * runs (eager-compile.ts).
 */
function importScreen(): Promise<typeof import('./screen.js')> {
  return importEagerly(() => import('./screen.js'));
}

export async function runDashboard(argv: string[]): Promise<number> {
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
  };
  let options: ScreenOptions;
  let painter: Promise<typeof import('./pre-paint.js')>;
  let shown: Promise<unknown>;
  let restoreColour = () => {};
  let startList: InformerLease['informer'] | undefined;
  // Ctrl-C before the screen is taken (a plugin waiting for a login): end the plugin too, it has its own group.
  const preScreenInterrupt = () => {
    endRunningPlugins();
    process.exit(130);
  };
  process.once('SIGINT', preScreenInterrupt);
  try {
    const flags = parseDashboardFlags(argv);
    if (flags.help) {
      process.stdout.write(HELP.trimStart());
      return 0;
    }
    if (flags.version) {
      process.stdout.write(`kdeck ${KDECK_VERSION}\n`);
      return 0;
    }
    // The dashboard's memory: V8's young generation capped before the first list arrives (young-generation.ts).
    const uncap = capYoungGeneration();
    cleanups.push(async () => uncap());
    const env = processEnvironment();
    const config = loadConfig(env.env, env.homeDir);
    trace('config', 'flags and config.yaml read');
    if (flags.demo) {
      const { startDemo } = await import('./demo.js');
      const demo = await startDemo();
      cleanups.push(demo.stop);
      flags.kubeconfig = demo.kubeconfigPath;
    }
    const overrides: KubeconfigOverrides = {
      kubeconfig: flags.kubeconfig,
      context: flags.context,
      cluster: flags.cluster,
      user: flags.user,
      namespace: flags.namespace,
      requestTimeout: flags.requestTimeout,
      as: flags.as,
      asGroups: flags.asGroup.length ? flags.asGroup : undefined,
    };
    const backend = new LiveBackend(overrides, env, { warmContexts: config.warmContexts, readOnly: (ctx) => readOnlyReason(config, flags.readonly, ctx), logBuffer: config.logs?.buffer });
    cleanups.push(() => backend.close());
    // Runs before backend.close() (cleanups run last first): port-forwards and log streams end while their
    // connections still exist.
    cleanups.push(() => sessions.shutdown());
    const context = backend.initialContext();
    if (!context) loadConnection(overrides, env); // throws kubeconfig resolution's own diagnosis (no file, no current context)
    if (!context) throw new KubeconfigError('no context to use: the kubeconfig has no current-context', { hint: 'pass --context NAME, or run `kubectl config use-context NAME`' });
    const spec = backend.spec(context); // unknown context, missing cluster/user, unreadable files: thrown here
    trace('kubeconfig', `context ${context}`);
    // aliases/hotkeys/plugins/skin/views: a mistake in the global files or the first context's is shown now
    const userConfig = (ctx?: string) => loadUserConfig(env.env, env.homeDir, ctx, config.aliases);
    userConfig(context);
    // an interactive login gets the terminal now, not mid-screen; a silent wait says what it waits for
    await prepareInteractiveCredentials(spec, (what, s) => process.stderr.write(sanitizeBlock(`kdeck: waiting for ${what}, ${s} s…\n`)));
    const favouritesFile = favouritesPath(env.env, env.homeDir);
    const damaged = checkFavourites(favouritesFile);
    // The data path starts now, before the UI is loaded: /version (connect() and the header reuse it), discovery
    // (from the disk cache while fresh), then the start view's list, on the wire while the UI modules load.
    backend.serverVersion(context).then(() => traceOnce('http:version'), () => {});
    const start = await startView(flags.command, config, (fresh) => backend.catalogue(context, { fresh }), (s) => {
      // Every cluster serves pods as core v1: their list need not wait for discovery (a start without its cache).
      if (s.resource === 'pods') startList = prefetchStartView(backend, context, CORE_PODS, startNamespace(flags, s, spec.namespace));
    });
    const namespace = startNamespace(flags, start, spec.namespace);
    startList ??= prefetchStartView(backend, context, start.catalogue?.resolve(start.resource), namespace);
    // What the first frame reads (connection, discovery, version, the rows) is awaited, at most LIST_WAIT_MS, and
    // recorded as settled, so that the first screen (the pre-paint, then Ink's first frame) can already show the table.
    const ready = Promise.all([
      startList ? informerWithin(startList, listDone, LIST_WAIT_MS) : undefined,
      primeSettled(backend.connect(context)),
      primeSettled(backend.catalogue(context)),
      primeSettled(backend.serverVersion(context)),
    ]);
    // While the requests are in flight, the pre-paint's modules load (the layout, chalk; no React: small), from the
    // next turn of the event loop, so that a connection already up (a local server) gets its request written first.
    // Both the pre-paint's and the UI's modules load with colours even when CI is set (terminal-colour.ts): chalk,
    // which both paint with, decides once, as it loads. (Compiled whole, as the UI is, they gave no measurable gain:
    // eager-compile.ts.)
    restoreColour = colourDespiteCi(process.env, process.stdout.isTTY === true);
    painter = new Promise<void>((r) => setImmediate(r))
      .then(() => import('./pre-paint.js'))
      .then((m) => (trace('pre-paint:modules', "the first screen's layout and chalk imported"), m));
    shown = Promise.race([ready, new Promise((r) => setTimeout(r, LIST_WAIT_MS).unref())]);
    options = {
      ...(damaged ? { notice: { text: damaged, level: 'warn' as const } } : {}),
      backend,
      context,
      namespace,
      startResource: start.resource,
      aliases: config.aliases,
      favourites: config.favourites,
      favouritesFile,
      readOnly: !!readOnlyReason(config, flags.readonly, context),
      demo: flags.demo,
      version: KDECK_VERSION,
      noColor: 'NO_COLOR' in process.env && process.env.NO_COLOR !== '',
      userConfig,
      kubeconfigPath: flags.kubeconfig ? resolve(flags.kubeconfig) : env.env.KUBECONFIG,
      pluginLogs: pluginLogDir(env.env, env.homeDir),
    };
    // Last check before the screen is taken: without a terminal Ink cannot read keys.
    if (!process.stdin.isTTY) {
      throw new KdeckError('usage', 'kdeck needs a terminal: its input is not a TTY', 'run it in a terminal (`kdeck doctor` works without one)');
    }
  } catch (e) {
    restoreColour();
    await cleanup();
    process.stderr.write(formatError(e));
    return 1;
  } finally {
    process.off('SIGINT', preScreenInterrupt);
  }
  // A row on the terminal: a write with the table's header line and a line under it, the test bench/startup.ts applies
  // to the screen (the header is drawn with the first rows; a frame without rows says "loading" instead). A text
  // test, so that tracing costs the frame it stamps next to nothing. The pre-paint's write is the first to pass it.
  // And the first key Ink reads, and the frame that answers it (the bench types `:` at the first row).
  if (tracing()) traceTerminal(process.stdout, (text) => TABLE_WITH_ROW.test(text), process.stdin);
  // The UI modules load after the first screen is painted (their loading is one long synchronous stretch that would
  // hold up the parsing of the list the first screen shows), unless the list is slow to come (a remote cluster):
  // then they load while it travels, as the network wait would otherwise be idle.
  // (A failed import is handled where it is awaited; marked handled now so that it cannot end the process first.)
  painter.catch(() => {});
  const near = startList ? await informerWithin(startList, rowsIn, NEAR_LIST_MS) : false;
  let ui = near ? undefined : importScreen();
  ui?.catch(() => {});
  // The first screen, before Ink is loaded: once the start list is in (or LIST_WAIT_MS passed), pre-paint.ts writes
  // what the first frame will show; keys wait, unechoed, for Ink. Only on a terminal, and only for a table.
  let prePainted: import('./pre-paint.js').PrePainted | undefined;
  try {
    const [{ prePaint }] = await Promise.all([painter, shown]);
    if (process.stdout.isTTY) prePainted = prePaint(options);
    trace('tty:pre-paint', prePainted ? 'the first screen written before Ink loaded' : process.stdout.isTTY ? 'not pre-painted: the first frame is not a table' : 'not pre-painted: the output is not a terminal');
  } catch (e) {
    // The pre-paint is an optimisation: a failure of its own leaves the start to Ink, as before it existed.
    prePainted?.restore();
    prePainted = undefined;
    trace('tty:pre-paint', `failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  let showDashboard: typeof import('./screen.js').showDashboard;
  try {
    ({ showDashboard } = await (ui ??= importScreen()));
  } catch (e) {
    prePainted?.restore(); // the error goes to the normal screen
    await cleanup();
    throw e;
  } finally {
    restoreColour();
  }
  trace('ui:modules', 'Ink, React and the components imported');
  let frames = 0;
  // Ink's first frame is fullscreen-ink's empty one (render(null), before its start()): the dashboard's own first
  // frame is the second.
  const onFrame = tracing()
    ? () => {
        frames++;
        if (frames === 1) trace('ink:first-frame', 'empty (fullscreen-ink renders null first)');
        if (frames === 2) trace('ink:first-app-frame');
      }
    : undefined;
  return showDashboard(options, cleanup, onFrame, prePainted);
}

/**
 * Starts the informer of the view kdeck opens on (the registry then hands the dashboard the same one), so the list
 * request is sent before Ink and React load. Without discovery (an unreachable cluster) there is nothing to start:
 * the dashboard shows why.
 */
function prefetchStartView(backend: LiveBackend, context: string, ref: ResourceRef | undefined, namespace: string | undefined): InformerLease['informer'] | undefined {
  if (!ref) return undefined;
  const ns = ref.namespaced ? namespace : undefined;
  const informer = backend.prefetch({ context, resource: ref, namespace: ns });
  trace('list:started', `${ref.resource} in ${ref.namespaced ? (namespace ?? 'all namespaces') : 'the cluster'}`);
  if (tracing()) {
    const off = informer.subscribe(() => {
      if (informer.store.size > 0) traceOnce('list:rows', `${informer.store.size} rows`);
      if (informer.state().phase === 'live') {
        traceOnce('list:synced');
        off();
      }
    });
  }
  return informer;
}
