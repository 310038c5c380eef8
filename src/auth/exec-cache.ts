// Runs exec credential plugins (aws eks get-token, gke-gcloud-auth-plugin, kubelogin…) and caches what they return.
// - cached until status.expirationTimestamp, keyed by the exec config + cluster, so every context that uses the
//   same user on the same cluster shares one credential and a context flip never re-runs the plugin;
// - one run at a time per key: concurrent requests wait on the same promise;
// - stderr is captured (never written over the screen) and shown, redacted and trimmed, when the plugin fails.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { CredentialError } from '../errors.js';
import type { ConnectionSpec, ExecConfig } from '../kubeconfig/types.js';
import { buildExecInfo, EXEC_API_VERSIONS, parseExecCredential, type ExecClusterInfo, type ExecCredentialResult } from './exec-credential.js';
import { lastLines, redactSecrets, rememberSecrets } from './redact.js';
import { isTerminalOwnedByApp, terminalAvailableForPlugins } from './terminal.js';

/** Refresh this long before the plugin's expirationTimestamp, so a request does not race the expiry. */
const EXPIRY_LEEWAY_MS = 5_000;
const DEFAULT_TIMEOUT_MS = 120_000;
const MAX_STDOUT = 4 * 1024 * 1024;
const MAX_STDERR_TAIL = 16 * 1024;
/** A failure is remembered this long, so a burst of requests (every informer of a context) sees one run, not dozens. */
const FAILURE_MEMORY_MS = 2_000;

export interface ExecRunOptions {
  /** Give the plugin the terminal (stdin and stderr inherited), as `kdeck doctor` and startup do. */
  allowTerminal?: boolean;
  /** Default: the request timeout (--request-timeout), else 120 s. */
  timeoutMs?: number;
  /** Called every WAIT_REPORT_MS while the plugin runs, so a silent wait shows progress ("waiting for …, 10 s"). */
  onWaiting?: (what: string, elapsedSeconds: number) => void;
}

const WAIT_REPORT_MS = 10_000;

/** Plugins running now, each with a way to end it and what it started (it runs in its own process group). */
const running = new Set<() => void>();
let exitHookInstalled = false;

/** Ends every plugin still running: kdeck is quitting, and a plugin waiting for a login must not outlive it. */
export function endRunningPlugins(): void {
  for (const end of [...running]) end();
}

interface Entry {
  value?: ExecCredentialResult;
  pending?: Promise<ExecCredentialResult>;
  failure?: { error: unknown; at: number };
}

export function execClusterInfo(spec: ConnectionSpec): ExecClusterInfo {
  const info: ExecClusterInfo = { server: spec.server };
  if (spec.tls.serverName) info['tls-server-name'] = spec.tls.serverName;
  if (spec.tls.insecureSkipTLSVerify) info['insecure-skip-tls-verify'] = true;
  if (spec.tls.caPem) info['certificate-authority-data'] = Buffer.from(spec.tls.caPem).toString('base64');
  if (spec.proxyUrl) info['proxy-url'] = spec.proxyUrl;
  if (spec.disableCompression) info['disable-compression'] = true;
  // the cluster's "client.authentication.k8s.io/exec" extension, passed through as client-go does
  const config = spec.credential.kind === 'exec' ? spec.credential.exec.clusterConfig : undefined;
  if (config !== undefined) info.config = config;
  return info;
}

/** The cache key: what the plugin is asked (config, env) and for which cluster; never the user or context name. */
export function execCacheKey(exec: ExecConfig, spec: ConnectionSpec): string {
  const material = JSON.stringify({ exec, cluster: execClusterInfo(spec) });
  return createHash('sha256').update(material).digest('hex');
}

export function describeExecCommand(exec: ExecConfig): string {
  const base = exec.command.split('/').pop() ?? exec.command;
  const shown = [base, ...exec.args.slice(0, 4)].join(' ');
  return redactSecrets(exec.args.length > 4 ? `${shown} …` : shown);
}

export class ExecCredentialCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly failureMemoryMs = FAILURE_MEMORY_MS) {}

  /** The cached credential if still valid, else one run of the plugin (shared by everyone who asks meanwhile). */
  get(spec: ConnectionSpec, opts: ExecRunOptions = {}): Promise<ExecCredentialResult> {
    const exec = requireExec(spec);
    const key = execCacheKey(exec, spec);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {};
      this.entries.set(key, entry);
    }
    if (entry.value && isValid(entry.value)) return Promise.resolve(entry.value);
    if (entry.pending) return entry.pending;
    // A run with the terminal (startup, doctor) is the user retrying on purpose: never answer it from memory.
    if (entry.failure && !opts.allowTerminal && Date.now() - entry.failure.at < this.failureMemoryMs) return Promise.reject(entry.failure.error);
    const e = entry;
    const pending = runExecPlugin(spec, exec, opts).then(
      (value) => {
        e.value = value;
        e.pending = undefined;
        e.failure = undefined;
        return value;
      },
      (err: unknown) => {
        e.pending = undefined;
        e.failure = { error: err, at: Date.now() };
        throw err;
      },
    );
    e.pending = pending;
    return pending;
  }

  /** A cached credential that is still valid, without running anything. */
  peek(spec: ConnectionSpec): ExecCredentialResult | undefined {
    const exec = requireExec(spec);
    const value = this.entries.get(execCacheKey(exec, spec))?.value;
    return value && isValid(value) ? value : undefined;
  }

  /**
   * The server rejected `stale` (401): drop it so the next get() runs the plugin again. Only drops the entry if it
   * still holds that same credential, so ten requests failing at once cause one re-run, not ten.
   */
  invalidate(spec: ConnectionSpec, stale: ExecCredentialResult): void {
    const exec = requireExec(spec);
    const entry = this.entries.get(execCacheKey(exec, spec));
    if (entry?.value === stale) entry.value = undefined;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The process-wide cache: shared by every client, context and view. */
export const execCredentialCache = new ExecCredentialCache();

function requireExec(spec: ConnectionSpec): ExecConfig {
  if (spec.credential.kind !== 'exec') throw new Error(`internal: user "${spec.userName}" has no exec credential`);
  return spec.credential.exec;
}

/** The credential fields of whatever JSON a plugin printed, valid ExecCredential or not. */
function secretsIn(stdout: string): string[] {
  try {
    const status = (JSON.parse(stdout) as { status?: Record<string, unknown> })?.status ?? {};
    return ['token', 'clientKeyData'].map((k) => status[k]).filter((v): v is string => typeof v === 'string');
  } catch {
    return [];
  }
}

function isValid(value: ExecCredentialResult): boolean {
  return value.expiresAt === undefined || Date.now() < value.expiresAt - EXPIRY_LEEWAY_MS;
}

function fail(spec: ConnectionSpec, exec: ExecConfig, what: string, hint: string): CredentialError {
  const ctx = spec.contextName ? ` (context "${spec.contextName}")` : '';
  return new CredentialError(spec.userName, `the credential plugin \`${describeExecCommand(exec)}\` of user "${spec.userName}"${ctx} ${what}`, hint);
}

/** Decides whether this run may use the terminal, or fails because the plugin insists on one it cannot have. */
function interactiveFor(spec: ConnectionSpec, exec: ExecConfig, opts: ExecRunOptions): boolean {
  const terminal = Boolean(opts.allowTerminal) && terminalAvailableForPlugins();
  if (exec.interactiveMode === 'Never') return false;
  if (exec.interactiveMode === 'Always' && !terminal) {
    if (isTerminalOwnedByApp()) {
      throw fail(spec, exec, 'needs the terminal to log you in (interactiveMode: Always), but kdeck is drawing on it',
        `run \`kdeck doctor --context ${spec.contextName || '<context>'}\` in a terminal to log in first, then start kdeck again (it runs such plugins before taking the screen)`);
    }
    throw fail(spec, exec, 'needs an interactive terminal (interactiveMode: Always), but standard input is not a terminal',
      'run kdeck from a terminal, or set interactiveMode: IfAvailable for this user if the plugin can work without one');
  }
  return terminal;
}

export function runExecPlugin(spec: ConnectionSpec, exec: ExecConfig, opts: ExecRunOptions = {}): Promise<ExecCredentialResult> {
  if (!EXEC_API_VERSIONS.includes(exec.apiVersion)) {
    return Promise.reject(fail(spec, exec, `uses apiVersion "${exec.apiVersion}", which kdeck does not support`,
      `set users[].user.exec.apiVersion to ${EXEC_API_VERSIONS.join(' or ')} (v1alpha1 was removed from Kubernetes)`));
  }
  let interactive: boolean;
  try {
    interactive = interactiveFor(spec, exec, opts);
  } catch (err) {
    return Promise.reject(err);
  }
  const env: Record<string, string | undefined> = { ...process.env };
  for (const { name, value } of exec.env) env[name] = value;
  env.KUBERNETES_EXEC_INFO = buildExecInfo(exec.apiVersion, interactive, exec.provideClusterInfo ? execClusterInfo(spec) : undefined);
  const timeoutMs = opts.timeoutMs ?? (spec.requestTimeoutMs || DEFAULT_TIMEOUT_MS);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', endRunningPlugins);
  }

  return new Promise<ExecCredentialResult>((resolve, reject) => {
    const child = spawn(exec.command, exec.args, {
      env,
      stdio: interactive ? ['inherit', 'pipe', 'inherit'] : ['ignore', 'pipe', 'pipe'],
      // its own process group, so a timeout also ends what it started (`sleep`, a browser helper); an interactive
      // plugin stays in ours, or it could not read the terminal
      detached: !interactive,
    });
    const killAll = (signal: NodeJS.Signals) => {
      try {
        if (!interactive && child.pid) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // already gone
      }
    };
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrTail = '';
    let settled = false;
    const stderrShown = () => {
      const text = lastLines(redactSecrets(stderrTail));
      return text ? `:\n${text}` : ' (it wrote nothing on standard error)';
    };
    const end = () => killAll('SIGKILL');
    running.add(end);
    const started = Date.now();
    const progress = opts.onWaiting
      ? setInterval(() => opts.onWaiting!(`the credential plugin \`${describeExecCommand(exec)}\` of user "${spec.userName}"`, Math.round((Date.now() - started) / 1000)), WAIT_REPORT_MS)
      : undefined;
    progress?.unref();
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(progress);
      running.delete(end);
      fn();
    };
    const timer = setTimeout(() => {
      killAll('SIGTERM');
      setTimeout(() => killAll('SIGKILL'), 2_000).unref();
      done(() => reject(fail(spec, exec, `did not finish within ${Math.round(timeoutMs / 1000)} s${stderrShown()}`,
        `run the command yourself to see what it waits for (a login prompt needs a terminal: run \`kdeck doctor\` first)${opts.timeoutMs === undefined ? '; --request-timeout sets how long kdeck waits' : ''}`)));
    }, timeoutMs);
    timer.unref();

    child.stdout?.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes <= MAX_STDOUT) stdout.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-MAX_STDERR_TAIL);
    });

    child.on('error', (err: NodeJS.ErrnoException) => done(() => {
      if (err.code === 'ENOENT') {
        reject(fail(spec, exec, `is not installed: "${exec.command}" was not found${exec.command.includes('/') ? '' : ' on your PATH'}`,
          exec.installHint?.trim() || `install it, or fix users[name=${spec.userName}].user.exec.command in your kubeconfig`));
      } else if (err.code === 'EACCES') {
        reject(fail(spec, exec, `cannot be started: "${exec.command}" is not executable (permission denied)`, `make it executable: chmod +x ${exec.command}`));
      } else {
        reject(fail(spec, exec, `could not be started (${err.code ?? err.message})`, 'check users[].user.exec.command in your kubeconfig'));
      }
    }));

    child.on('close', (code, signal) => done(() => {
      if (code !== 0) {
        const how = code === null ? `was killed by ${signal}` : `failed with exit code ${code}`;
        reject(fail(spec, exec, `${how}${stderrShown()}`,
          'run the command yourself to see the whole error; usually it means logging in again with the tool that issues your credentials'));
        return;
      }
      if (stdoutBytes > MAX_STDOUT) {
        reject(fail(spec, exec, 'printed more than 4 MiB on standard output', 'check that the command prints only an ExecCredential object'));
        return;
      }
      const out = Buffer.concat(stdout).toString('utf8');
      const parsed = parseExecCredential(out, exec.apiVersion);
      if ('problem' in parsed) {
        rememberSecrets(...secretsIn(out)); // a half-valid answer may still hold a real token: never show it
        reject(fail(spec, exec, parsed.problem, 'check the plugin version and users[].user.exec.apiVersion in your kubeconfig'));
        return;
      }
      rememberSecrets(parsed.token, parsed.clientCertificate?.keyPem);
      resolve(parsed);
    }));
  });
}
