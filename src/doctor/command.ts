// `kdeck doctor [--kubeconfig F] [--context C | --all-contexts] [-n NS] [-o json]`: diagnoses the connection to a
// cluster step by step. Exit 0 only when every step of every checked context passes; 1 when one fails; 2 on bad usage.
import { parseArgs } from 'node:util';
import { endRunningPlugins } from '../auth/index.js';
import { KdeckError } from '../errors.js';
import { kubeconfigCandidates, listContexts, loadConnection, loadKubeconfig, processEnvironment } from '../kubeconfig/index.js';
import type { KubeconfigOverrides, LoadEnvironment } from '../kubeconfig/types.js';
import { formatReport } from './format.js';
import { errorInfo, probeContext } from './probe.js';
import { buildDoctorReport } from './report.js';
import { safeFacts, safeJson, safeText } from './safe-output.js';
import type { ContextFacts, DoctorReport } from './types.js';

const USAGE = `Usage: kdeck doctor [flags]

Checks every step between you and the API server: kubeconfig, cluster URL and auth method, TCP, TLS,
credentials, authentication, authorization (list pods) and discovery, and says how to fix what fails.

Flags:
  --kubeconfig FILE     use this kubeconfig file only
  --context NAME        check this context (default: current-context)
  --all-contexts        check every context, one row each
  --cluster NAME, --user NAME   override the context's cluster or user
  -n, --namespace NS    namespace for the authorization check
  --as USER, --as-group GROUP   impersonate
  --request-timeout D   per-request timeout (e.g. 5s); default 10s
  -o, --output json     machine-readable output
`;

export interface DoctorIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env?: LoadEnvironment;
}

interface DoctorFlags {
  overrides: KubeconfigOverrides;
  allContexts: boolean;
  json: boolean;
  help: boolean;
}

export function parseDoctorArgs(args: string[]): DoctorFlags {
  const { values } = parseArgs({
    args,
    allowPositionals: false,
    options: {
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      cluster: { type: 'string' },
      user: { type: 'string' },
      namespace: { type: 'string', short: 'n' },
      'all-contexts': { type: 'boolean' },
      output: { type: 'string', short: 'o' },
      'request-timeout': { type: 'string' },
      as: { type: 'string' },
      'as-group': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.output !== undefined && values.output !== 'json' && values.output !== 'text') {
    throw new KdeckError('usage', `unknown output format "${values.output}"`, 'use -o json (or leave -o out for text)');
  }
  if (values['all-contexts'] && values.context) {
    throw new KdeckError('usage', '--context and --all-contexts cannot be used together', 'pick one');
  }
  return {
    overrides: {
      kubeconfig: values.kubeconfig,
      context: values.context,
      cluster: values.cluster,
      user: values.user,
      namespace: values.namespace,
      requestTimeout: values['request-timeout'],
      as: values.as,
      asGroups: values['as-group'],
    },
    allContexts: Boolean(values['all-contexts']),
    json: values.output === 'json',
    help: Boolean(values.help),
  };
}

async function factsFor(overrides: KubeconfigOverrides, env: LoadEnvironment, contextName: string, progress?: (line: string) => void): Promise<ContextFacts> {
  try {
    const spec = loadConnection(overrides, env);
    return await probeContext(spec, env.env, progress);
  } catch (err) {
    let files: string[] = [];
    try {
      files = kubeconfigCandidates(overrides, env).paths;
    } catch {
      // the error below says what is wrong
    }
    return { context: contextName, files, kubeconfigError: errorInfo(err) };
  }
}

/**
 * Gathers facts for the requested context(s) and builds the report (no printing). Names and server text in the
 * facts are made single-line and inert first, so the report never carries a control sequence or a fake line.
 */
export async function runDoctor(flags: DoctorFlags, env: LoadEnvironment, progress?: (line: string) => void): Promise<DoctorReport> {
  return buildDoctorReport((await gatherFacts(flags, env, progress)).map(safeFacts));
}

async function gatherFacts(flags: DoctorFlags, env: LoadEnvironment, progress?: (line: string) => void): Promise<ContextFacts[]> {
  const facts: ContextFacts[] = [];
  if (flags.allContexts) {
    let names: string[];
    try {
      names = listContexts(loadKubeconfig(flags.overrides, env)).map((c) => c.name);
    } catch (err) {
      return [{ context: '(all)', files: kubeconfigCandidates(flags.overrides, env).paths, kubeconfigError: errorInfo(err) }];
    }
    // One at a time: exec plugins may need the terminal, and output order follows the context list.
    for (const name of names) facts.push(await factsFor({ ...flags.overrides, context: name }, env, name, progress));
  } else {
    facts.push(await factsFor(flags.overrides, env, flags.overrides.context ?? '(current-context)', progress));
  }
  return facts;
}

export async function doctorCommand(args: string[], io: DoctorIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) }): Promise<number> {
  let flags: DoctorFlags;
  try {
    flags = parseDoctorArgs(args);
  } catch (err) {
    const e = err as KdeckError;
    io.stderr(`kdeck doctor: ${e.message}\n${e.hint ? `${e.hint}\n` : ''}\n${USAGE}`);
    return 2;
  }
  if (flags.help) {
    io.stdout(USAGE);
    return 0;
  }
  // Ctrl-C while a plugin waits (for a login, a hung network): end it too; it runs in its own process group.
  const interrupted = (signal: NodeJS.Signals) => {
    endRunningPlugins();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const progress = (line: string) => io.stderr(`kdeck doctor: ${safeText(line)}\n`);
    const report = await runDoctor(flags, io.env ?? processEnvironment(), progress);
    io.stdout(flags.json ? `${safeJson(report)}\n` : safeText(formatReport(report, { allContexts: flags.allContexts })));
    return report.ok ? 0 : 1;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}
