// `kdeck simulate`: runs simulated clusters until SIGINT/SIGTERM and writes a kubeconfig for kubectl and kdeck.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startSimulator, type SimulatorOptions } from './index.js';
import { MAX_LOG_RATE } from './log-lines.js';

const USAGE = `Usage: kdeck simulate [flags]

Runs simulated Kubernetes API servers that kubectl and kdeck can use.

Flags:
  --host HOST               address to listen on (default 127.0.0.1, loopback only)
  --port PORT               first port; cluster i listens on PORT+i (default 0: random)
  --clusters K              number of clusters (default 1)
  --pods N                  pods in the first cluster (default 60)
  --namespaces M            application namespaces (default 5)
  --churn R                 extra pod status changes per second (default 0)
  --tls                     serve HTTPS with client certificates and tokens (adds a restricted-user context)
  --kubeconfig-out FILE     write the kubeconfig here (default: kdeck-sim.kubeconfig in the current directory)
  --minor N                 Kubernetes minor version of the first cluster (default 32)
  --drop-watches-every S    end every open watch every S seconds
  --latency MS              delay every request by MS milliseconds
  --error-rate F            answer this fraction (0..1) of requests with --error-status
  --error-status CODE       429, 500 or 503 (default 503)
  --seed N                  deterministic contents (default 42)
  --log-rate N              log lines per second of every container (default: one every 1.5 s; at most 100000)
  --static                  no controllers: the cluster does not change by itself
`;

class UsageError extends Error {}

function num(name: string, value: string | undefined, opts: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (opts.integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${opts.integer ? 'a whole number' : 'a number'}, got "${value}"`);
  }
  if (opts.min !== undefined && n < opts.min) throw new UsageError(`--${name} must be at least ${opts.min}, got ${value}`);
  if (opts.max !== undefined && n > opts.max) throw new UsageError(`--${name} must be at most ${opts.max}, got ${value}`);
  return n;
}

export interface SimulateFlags {
  options: SimulatorOptions;
  kubeconfigOut: string;
  dropWatchesEvery?: number;
  latency?: number;
  errorRate?: number;
  errorStatus: 429 | 500 | 503;
}

/** Parses and checks the flags; throws UsageError with a one-line message. */
export function parseSimulateFlags(args: string[]): SimulateFlags | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: false,
      strict: true,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        clusters: { type: 'string' },
        pods: { type: 'string' },
        namespaces: { type: 'string' },
        churn: { type: 'string' },
        tls: { type: 'boolean' },
        'kubeconfig-out': { type: 'string' },
        minor: { type: 'string' },
        'drop-watches-every': { type: 'string' },
        latency: { type: 'string' },
        'error-rate': { type: 'string' },
        'error-status': { type: 'string' },
        seed: { type: 'string' },
        'log-rate': { type: 'string' },
        static: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  const errorStatus = num('error-status', v['error-status'], { integer: true }) ?? 503;
  if (errorStatus !== 429 && errorStatus !== 500 && errorStatus !== 503) throw new UsageError(`--error-status must be 429, 500 or 503, got ${errorStatus}`);
  const options: SimulatorOptions = {
    host: v.host ?? '127.0.0.1',
    port: num('port', v.port, { min: 0, max: 65535, integer: true }) ?? 0,
    clusters: num('clusters', v.clusters, { min: 1, max: 8, integer: true }) ?? 1,
    pods: num('pods', v.pods, { min: 0, max: 200_000, integer: true }) ?? 60,
    namespaces: num('namespaces', v.namespaces, { min: 1, max: 500, integer: true }) ?? 5,
    churn: num('churn', v.churn, { min: 0, max: 100_000 }) ?? 0,
    tls: v.tls ?? false,
    kubernetesMinor: num('minor', v.minor, { min: 27, max: 40, integer: true }) ?? 32,
    controllers: !v.static,
    seed: num('seed', v.seed, { integer: true }) ?? 42,
  };
  const logRate = num('log-rate', v['log-rate'], { min: 0, max: MAX_LOG_RATE });
  if (logRate) options.logRate = logRate;
  const out: SimulateFlags = {
    options,
    kubeconfigOut: resolve(v['kubeconfig-out'] ?? 'kdeck-sim.kubeconfig'),
    errorStatus,
  };
  const drop = num('drop-watches-every', v['drop-watches-every'], { min: 0 });
  if (drop !== undefined) out.dropWatchesEvery = drop;
  const latency = num('latency', v.latency, { min: 0, max: 60_000 });
  if (latency !== undefined) out.latency = latency;
  const rate = num('error-rate', v['error-rate'], { min: 0, max: 1 });
  if (rate !== undefined) out.errorRate = rate;
  return out;
}

export async function simulateCommand(args: string[]): Promise<number> {
  let flags: SimulateFlags | 'help';
  try {
    flags = parseSimulateFlags(args);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`kdeck simulate: ${err.message}\nRun 'kdeck simulate --help' for the flags.\n`);
      return 2;
    }
    throw err;
  }
  if (flags === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  let sim;
  try {
    sim = await startSimulator(flags.options);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const what = e.code === 'EADDRINUSE' ? `port ${flags.options.port} is already in use (pick another with --port, or 0 for a random one)`
      : e.code === 'EADDRNOTAVAIL' ? `cannot listen on ${flags.options.host}: no such local address`
        : e.message;
    process.stderr.write(`kdeck simulate: ${what}\n`);
    return 1;
  }
  for (const c of sim.clusters) {
    if (flags.dropWatchesEvery) c.faults.dropWatchesEvery(flags.dropWatchesEvery);
    if (flags.latency) c.faults.setLatency(flags.latency);
    if (flags.errorRate) c.faults.setErrorRate({ rate: flags.errorRate, status: flags.errorStatus, retryAfterSeconds: 1 });
  }
  try {
    sim.writeKubeconfig(flags.kubeconfigOut);
  } catch (err) {
    process.stderr.write(`kdeck simulate: cannot write the kubeconfig to ${flags.kubeconfigOut}: ${(err as Error).message}\n`);
    await sim.stop();
    return 1;
  }
  const lines = sim.clusters.map((c) => `  ${c.contextName.padEnd(20)} ${c.url}  (Kubernetes 1.${c.minor})`);
  const restricted = flags.options.tls ? `\nA restricted user (may only read in namespace team-a): --context ${sim.clusters[0].contextName}-restricted\n` : '';
  process.stdout.write(
    `kdeck simulator serving ${sim.clusters.length} cluster(s):\n${lines.join('\n')}\n` +
      (flags.options.host !== '127.0.0.1' ? `Listening on ${flags.options.host} (reachable from other machines if that address is)\n` : '') +
      `Kubeconfig written to ${flags.kubeconfigOut}\n${restricted}\n` +
      `Try:\n  kubectl --kubeconfig ${flags.kubeconfigOut} get pods -A\n  KUBECONFIG=${flags.kubeconfigOut} kdeck\n\nPress Ctrl-C to stop.\n`,
  );
  await new Promise<void>((resolveStop) => {
    const done = () => resolveStop();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await sim.stop();
  return 0;
}
