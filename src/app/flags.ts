// The dashboard's flags (kubectl/k9s names), parsed with meow; unknown flags, stray words and malformed values are
// usage errors, checked first (meow would take them as input or guess). meow is given the package facts it needs,
// so it reads no package.json at start-up.
import meow from 'meow';
import { KdeckError } from '../errors.js';
import { namespaceProblem } from '../ui-state/names.js';

export const HELP = `
  Usage
    kdeck [flags]            the dashboard
    kdeck doctor [flags]     diagnose the connection to a context
    kdeck info               every path kdeck reads and writes
    kdeck simulate [flags]   run a simulated Kubernetes API server

  Flags
    -A, --all-namespaces     start in all namespaces
    -n, --namespace NS       start in namespace NS
    -c, --command RESOURCE   start on RESOURCE (e.g. deploy, svc, nodes) instead of pods
        --context NAME       kubeconfig context to use
        --cluster NAME       kubeconfig cluster to use
        --user NAME          kubeconfig user to use
        --kubeconfig FILE    kubeconfig file (instead of $KUBECONFIG / ~/.kube/config)
        --request-timeout D  timeout of one request (e.g. 30s, 1m; 0 = none)
        --as USER            impersonate USER
        --as-group GROUP     impersonate GROUP (repeatable)
        --readonly           no mutating actions
        --demo               open on two in-process simulated clusters
        --version            print the version
        --help               print this help

  Config: $XDG_CONFIG_HOME/kdeck/config.yaml (aliases, defaultView, favourites, warmContexts, readOnly),
          aliases.yaml, hotkeys.yaml, skin.yaml, plugins.yaml, views.yaml (k9s's format; per context in contexts/NAME/)
  In the dashboard press ? for keys.
`;

export interface DashboardFlags {
  allNamespaces: boolean;
  namespace?: string;
  command?: string;
  context?: string;
  cluster?: string;
  user?: string;
  kubeconfig?: string;
  requestTimeout?: string;
  as?: string;
  asGroup: string[];
  readonly: boolean;
  demo: boolean;
  version: boolean;
  help: boolean;
}

/** Every flag, by each of its spellings: the field it sets and whether it takes a value. */
const FLAGS: Record<string, { key: keyof DashboardFlags; value: boolean }> = {
  '-A': { key: 'allNamespaces', value: false }, '--all-namespaces': { key: 'allNamespaces', value: false },
  '-n': { key: 'namespace', value: true }, '--namespace': { key: 'namespace', value: true },
  '-c': { key: 'command', value: true }, '--command': { key: 'command', value: true },
  '--context': { key: 'context', value: true }, '--cluster': { key: 'cluster', value: true }, '--user': { key: 'user', value: true },
  '--kubeconfig': { key: 'kubeconfig', value: true }, '--request-timeout': { key: 'requestTimeout', value: true },
  '--as': { key: 'as', value: true }, '--as-group': { key: 'asGroup', value: true },
  '--readonly': { key: 'readonly', value: false }, '--demo': { key: 'demo', value: false },
  '--version': { key: 'version', value: false }, '--help': { key: 'help', value: false }, '-h': { key: 'help', value: false },
};

function usage(message: string): KdeckError {
  return new KdeckError('usage', message, 'run `kdeck --help` for the flags');
}

/** Refuses what meow would accept silently: unknown flags, stray words, a missing or malformed value. */
function checkArgv(argv: string[]): void {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return;
    if (!a.startsWith('-')) throw usage(`unexpected argument "${a}"`);
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    const flag = FLAGS[name];
    if (!flag) throw usage(`unknown flag ${name}`);
    const value = eq > 0 ? a.slice(eq + 1) : undefined;
    if (flag.value && value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next.length > 1)) throw usage(`${name} needs a value`);
      i++;
    }
    // --readonly=false and the like, as flag libraries accept them
    if (!flag.value && value !== undefined && value !== 'true' && value !== 'false') throw usage(`${name} takes no value (or true/false), not "${value}"`);
  }
}

export function parseDashboardFlags(argv: string[]): DashboardFlags {
  checkArgv(argv);
  // String flags are taken as lists so that the last one wins, as kubectl's flags do (meow refuses a repeat).
  const { flags: f } = meow(HELP, {
    importMeta: import.meta,
    pkg: { name: 'kdeck' },
    argv,
    autoHelp: false,
    autoVersion: false,
    allowUnknownFlags: true,
    flags: {
      allNamespaces: { type: 'boolean', shortFlag: 'A', default: false },
      namespace: { type: 'string', shortFlag: 'n', isMultiple: true },
      command: { type: 'string', shortFlag: 'c', isMultiple: true },
      context: { type: 'string', isMultiple: true },
      cluster: { type: 'string', isMultiple: true },
      user: { type: 'string', isMultiple: true },
      kubeconfig: { type: 'string', isMultiple: true },
      requestTimeout: { type: 'string', isMultiple: true },
      as: { type: 'string', isMultiple: true },
      asGroup: { type: 'string', isMultiple: true },
      readonly: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      version: { type: 'boolean', default: false },
      help: { type: 'boolean', shortFlag: 'h', default: false },
    },
  });
  const last = (v: string[] | undefined) => v?.at(-1);
  const namespace = last(f.namespace);
  if (f.allNamespaces && namespace !== undefined) throw usage('-A and -n cannot be used together');
  const nsProblem = namespace !== undefined ? namespaceProblem(namespace) : undefined;
  if (nsProblem) throw usage(`-n ${nsProblem}`);
  const out: DashboardFlags = {
    allNamespaces: f.allNamespaces, asGroup: f.asGroup ?? [], readonly: f.readonly, demo: f.demo, version: f.version, help: f.help,
    namespace, command: last(f.command), context: last(f.context), cluster: last(f.cluster), user: last(f.user),
    kubeconfig: last(f.kubeconfig), requestTimeout: last(f.requestTimeout), as: last(f.as),
  };
  for (const k of Object.keys(out) as (keyof DashboardFlags)[]) if (out[k] === undefined) delete out[k];
  return out;
}
