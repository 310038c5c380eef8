// Running the real kubectl against a simulator: each run gets its own discovery cache directory.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const KUBECTL = '/usr/bin/kubectl';

export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export class KubectlRunner {
  readonly dir: string;
  private readonly kubeconfigPath: string;
  private counter = 0;
  private readonly children = new Set<ChildProcessWithoutNullStreams>();

  constructor(kubeconfigPath: string, dir: string) {
    this.kubeconfigPath = kubeconfigPath;
    this.dir = dir;
  }

  private baseArgs(): string[] {
    return ['--kubeconfig', this.kubeconfigPath, '--cache-dir', join(this.dir, `cache-${++this.counter}`)];
  }

  run(args: string[], timeoutMs = 90_000): Promise<KubectlResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(KUBECTL, [...this.baseArgs(), ...args], { env: { ...process.env, HOME: this.dir } });
      this.children.add(child);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        this.children.delete(child);
        resolve({ code, stdout, stderr });
      });
    });
  }

  /** Starts a long-running kubectl (get -w, logs -f); `waitFor` resolves once stdout matches. */
  spawn(args: string[]): { waitFor(re: RegExp, timeoutMs?: number): Promise<string>; output(): string; exited(timeoutMs?: number): Promise<number | null>; stop(): void } {
    const child = spawn(KUBECTL, [...this.baseArgs(), ...args], { env: { ...process.env, HOME: this.dir } });
    this.children.add(child);
    let stdout = '';
    let stderr = '';
    const waiters: { re: RegExp; resolve: (s: string) => void }[] = [];
    const check = () => {
      for (const w of [...waiters]) {
        if (w.re.test(stdout)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(stdout);
        }
      }
    };
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      check();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let exitCode: number | null | undefined;
    const exitWaiters: ((code: number | null) => void)[] = [];
    child.on('close', (code) => {
      this.children.delete(child);
      exitCode = code;
      for (const w of exitWaiters.splice(0)) w(code);
    });
    return {
      exited: (timeoutMs = 45_000) =>
        new Promise((resolve, reject) => {
          if (exitCode !== undefined) return resolve(exitCode);
          const timer = setTimeout(() => reject(new Error(`kubectl ${args.join(' ')} still running after ${timeoutMs} ms\nstderr:\n${stderr}`)), timeoutMs);
          exitWaiters.push((code) => { clearTimeout(timer); resolve(code); });
        }),
      waitFor: (re, timeoutMs = 45_000) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`kubectl ${args.join(' ')}: no output matching ${re} within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`)), timeoutMs);
          waiters.push({ re, resolve: (s) => { clearTimeout(timer); resolve(s); } });
          check();
        }),
      output: () => stdout,
      stop: () => child.kill('SIGKILL'),
    };
  }

  close(): void {
    for (const c of this.children) c.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Rows of kubectl's table output, split on runs of 2+ spaces. */
export function tableRows(stdout: string): string[][] {
  return stdout.trimEnd().split('\n').filter((l) => l.trim() !== '').map((l) => l.trim().split(/\s{2,}/));
}
