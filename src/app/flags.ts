// The dashboard's flags (kubectl/k9s names), parsed with meow; unknown flags and stray words are usage errors.
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

const KNOWN = new Set(['-A', '--all-namespaces', '-n', '--namespace', '-c', '--command', '--context', '--cluster', '--user', '--kubeconfig',
  '--request-timeout', '--as', '--as-group', '--readonly', '--demo', '--version', '--help', '-h']);
const TAKES_VALUE = new Set(['-n', '--namespace', '-c', '--command', '--context', '--cluster', '--user', '--kubeconfig', '--request-timeout', '--as', '--as-group']);

function usage(message: string): KdeckError {
  return new KdeckError('usage', message, 'run `kdeck --help` for the flags');
}

export function parseDashboardFlags(argv: string[]): DashboardFlags {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (!a.startsWith('-')) throw usage(`unexpected argument "${a}"`);
    const name = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (!KNOWN.has(name)) throw usage(`unknown flag ${name}`);
    if (TAKES_VALUE.has(name) && !a.includes('=')) {
      const v = argv[i + 1];
      if (v === undefined || (v.startsWith('-') && v.length > 1)) throw usage(`${name} needs a value`);
      i++;
    }
  }
  const cli = meow(HELP, {
    importMeta: import.meta,
    argv,
    autoHelp: false,
    autoVersion: false,
    allowUnknownFlags: true,
    flags: {
      allNamespaces: { type: 'boolean', shortFlag: 'A', default: false },
      namespace: { type: 'string', shortFlag: 'n' },
      command: { type: 'string', shortFlag: 'c' },
      context: { type: 'string' },
      cluster: { type: 'string' },
      user: { type: 'string' },
      kubeconfig: { type: 'string' },
      requestTimeout: { type: 'string' },
      as: { type: 'string' },
      asGroup: { type: 'string', isMultiple: true },
      readonly: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      version: { type: 'boolean', default: false },
      help: { type: 'boolean', shortFlag: 'h', default: false },
    },
  });
  const f = cli.flags;
  if (f.allNamespaces && f.namespace) throw usage('-A and -n cannot be used together');
  const nsProblem = f.namespace !== undefined ? namespaceProblem(f.namespace) : undefined;
  if (nsProblem) throw usage(`-n ${nsProblem}`);
  return {
    allNamespaces: f.allNamespaces,
    namespace: f.namespace,
    command: f.command,
    context: f.context,
    cluster: f.cluster,
    user: f.user,
    kubeconfig: f.kubeconfig,
    requestTimeout: f.requestTimeout,
    as: f.as,
    asGroup: f.asGroup ?? [],
    readonly: f.readonly,
    demo: f.demo,
    version: f.version,
    help: f.help,
  };
}
