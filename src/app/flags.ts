// The dashboard's flags (kubectl/k9s names); unknown flags and stray words are usage errors. Parsed here rather than
// with a flags library: the set is small and fixed, and a library (meow read and normalised package.json, licences
// included) cost more start-up time than the rest of flag handling together.
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

export function parseDashboardFlags(argv: string[]): DashboardFlags {
  const f: DashboardFlags = { allNamespaces: false, asGroup: [], readonly: false, demo: false, version: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (!a.startsWith('-')) throw usage(`unexpected argument "${a}"`);
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    const flag = FLAGS[name];
    if (!flag) throw usage(`unknown flag ${name}`);
    let value: string | undefined = eq > 0 ? a.slice(eq + 1) : undefined;
    if (flag.value && value === undefined) {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('-') && value.length > 1)) throw usage(`${name} needs a value`);
      i++;
    }
    if (!flag.value) {
      // --readonly=false and the like, as flag libraries accept them
      if (value !== undefined && value !== 'true' && value !== 'false') throw usage(`${name} takes no value (or true/false), not "${value}"`);
      (f as unknown as Record<string, boolean>)[flag.key] = value !== 'false';
    } else if (flag.key === 'asGroup') f.asGroup.push(value!);
    else (f as unknown as Record<string, string>)[flag.key] = value!;
  }
  if (f.allNamespaces && f.namespace) throw usage('-A and -n cannot be used together');
  const nsProblem = f.namespace !== undefined ? namespaceProblem(f.namespace) : undefined;
  if (nsProblem) throw usage(`-n ${nsProblem}`);
  return f;
}
