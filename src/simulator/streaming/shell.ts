// The simulator's "container": a small built-in shell with a few files, enough for `kubectl exec POD -- echo hi`,
// an interactive `sh` (prompt, echo, line editing, Ctrl-C, Ctrl-D) and kdeck's shell. Unknown commands exit 127.
import type { SimObject } from '../types.js';

export interface ContainerInfo {
  pod: SimObject;
  container: string;
  image: string;
  env: Record<string, string>;
}

export type ImageFamily = 'alpine' | 'debian' | 'ubuntu';

/** busybox/alpine images have no bash; that is what makes kdeck's bash → sh fallback visible. */
export function imageFamily(image: string): ImageFamily {
  const i = image.toLowerCase();
  if (i.includes('alpine') || i.includes('busybox')) return 'alpine';
  if (i.includes('ubuntu')) return 'ubuntu';
  return 'debian';
}

const OS_RELEASE: Record<ImageFamily, string> = {
  alpine: 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\nHOME_URL="https://alpinelinux.org/"\n',
  debian: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\n',
  ubuntu: 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.1 LTS (Noble Numbat)"\nID=ubuntu\nID_LIKE=debian\n',
};

const BUILTINS = ['cat', 'cd', 'date', 'echo', 'env', 'exit', 'false', 'hostname', 'ls', 'printenv', 'pwd', 'sleep', 'true', 'uname', 'whoami'];

/** Which programs exist in the container (exec of anything else fails as the runtime would). */
export function hasProgram(family: ImageFamily, path: string): boolean {
  const base = path.split('/').pop() ?? '';
  if (base === 'bash') return family !== 'alpine';
  return base === 'sh' || BUILTINS.includes(base);
}

interface Fs {
  files: Map<string, string>;
  dirs: Map<string, string[]>;
}

function filesystem(c: ContainerInfo): Fs {
  const family = imageFamily(c.image);
  const ns = c.pod.metadata.namespace ?? 'default';
  const podIP = (c.pod.status as { podIP?: string } | undefined)?.podIP ?? '10.244.0.2';
  const files = new Map<string, string>([
    ['/etc/hostname', `${c.pod.metadata.name}\n`],
    ['/etc/os-release', OS_RELEASE[family]],
    ['/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${podIP}\t${c.pod.metadata.name}\n`],
    ['/etc/resolv.conf', `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`],
  ]);
  const bin = [...BUILTINS, 'sh', ...(family === 'alpine' ? [] : ['bash'])].sort();
  const dirs = new Map<string, string[]>([
    ['/', ['bin', 'dev', 'etc', 'home', 'proc', 'root', 'sys', 'tmp', 'usr', 'var']],
    ['/bin', bin],
    ['/etc', ['hostname', 'hosts', 'os-release', 'resolv.conf']],
    ['/dev', []], ['/home', []], ['/proc', []], ['/root', []], ['/sys', []], ['/tmp', []], ['/usr', ['bin', 'lib']], ['/var', ['log', 'run']],
  ]);
  return { files, dirs };
}

function resolvePath(cwd: string, p: string): string {
  const parts = (p.startsWith('/') ? p : `${cwd}/${p}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

type Op = ';' | '&&' | '||';

/** Words of one line with quotes and $VAR / $? expanded, split into commands by ; && ||. */
export function parseLine(line: string, vars: (name: string) => string): { argv: string[]; op: Op }[] {
  const cmds: { argv: string[]; op: Op }[] = [];
  let argv: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '' | "'" | '"' = '';
  let nextOp: Op = ';';
  const endWord = () => {
    if (inWord) argv.push(word);
    word = '';
    inWord = false;
  };
  const endCmd = (op: Op) => {
    endWord();
    if (argv.length) cmds.push({ argv, op: nextOp });
    argv = [];
    nextOp = op;
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote === "'") {
      if (ch === "'") quote = '';
      else word += ch;
      continue;
    }
    if (ch === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
      continue;
    }
    if (ch === '$') {
      const m = /^(\?|[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})/.exec(line.slice(i + 1));
      if (m) {
        word += vars(m[1].replace(/[{}]/g, ''));
        inWord = true;
        i += m[1].length;
        continue;
      }
    }
    if (quote === '"') {
      if (ch === '"') quote = '';
      else word += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === ' ' || ch === '\t') endWord();
    else if (ch === ';') endCmd(';');
    else if (ch === '&' && line[i + 1] === '&') {
      endCmd('&&');
      i++;
    } else if (ch === '|' && line[i + 1] === '|') {
      endCmd('||');
      i++;
    } else if (ch === '#' && !inWord) break;
    else {
      word += ch;
      inWord = true;
    }
  }
  endCmd(';');
  return cmds;
}

export interface ShellOutput {
  stdout(s: string): void;
  stderr(s: string): void;
}

export class ShellExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** The interpreter: one per exec (its cwd, variables and last status are its own). */
export class BuiltinShell {
  private readonly fs: Fs;
  private cwd = '/';
  private last = 0;
  readonly vars: Map<string, string>;
  readonly program: 'sh' | 'bash';
  private interrupt?: () => void;

  constructor(private readonly c: ContainerInfo, private readonly out: ShellOutput, program: 'sh' | 'bash' = 'sh') {
    this.fs = filesystem(c);
    this.program = program;
    this.vars = new Map(Object.entries({
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      HOSTNAME: c.pod.metadata.name,
      HOME: '/root',
      TERM: 'xterm',
      ...c.env,
    }));
  }

  get status(): number {
    return this.last;
  }

  prompt(): string {
    return this.program === 'bash' ? `root@${this.c.pod.metadata.name}:${this.cwd}# ` : `${this.cwd} # `;
  }

  /** Stops a running `sleep` (Ctrl-C). */
  cancel(): void {
    this.interrupt?.();
  }

  /** Runs one line; `exit` throws ShellExit. Returns the status. */
  async runLine(line: string): Promise<number> {
    for (const { argv, op } of parseLine(line, (n) => (n === '?' ? String(this.last) : this.vars.get(n) ?? ''))) {
      if (op === '&&' && this.last !== 0) continue;
      if (op === '||' && this.last === 0) continue;
      this.last = await this.run(argv);
    }
    return this.last;
  }

  async run(argv: string[]): Promise<number> {
    const [cmd0, ...args] = argv;
    // Leading NAME=value words set variables for the rest of the shell (close enough for a simulator).
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(cmd0)) {
      const eq = cmd0.indexOf('=');
      this.vars.set(cmd0.slice(0, eq), cmd0.slice(eq + 1));
      return args.length ? this.run(args) : 0;
    }
    const cmd = cmd0.includes('/') && hasProgram(imageFamily(this.c.image), cmd0) ? cmd0.split('/').pop()! : cmd0;
    const o = this.out;
    switch (cmd) {
      case 'echo': {
        const noNl = args[0] === '-n';
        o.stdout((noNl ? args.slice(1) : args).join(' ') + (noNl ? '' : '\n'));
        return 0;
      }
      case 'true':
        return 0;
      case 'false':
        return 1;
      case 'pwd':
        o.stdout(`${this.cwd}\n`);
        return 0;
      case 'hostname':
        o.stdout(`${this.c.pod.metadata.name}\n`);
        return 0;
      case 'whoami':
        o.stdout('root\n');
        return 0;
      case 'uname':
        o.stdout(args.includes('-a') ? `Linux ${this.c.pod.metadata.name} 6.8.0-kdeck #1 SMP x86_64 GNU/Linux\n` : 'Linux\n');
        return 0;
      case 'date':
        o.stdout(`${new Date().toUTCString()}\n`);
        return 0;
      case 'env':
      case 'printenv': {
        if (args.length) {
          const v = this.vars.get(args[0]);
          if (v !== undefined) o.stdout(`${v}\n`);
          return v === undefined ? 1 : 0;
        }
        o.stdout([...this.vars].map(([k, v]) => `${k}=${v}\n`).join(''));
        return 0;
      }
      case 'cd': {
        const target = resolvePath(this.cwd, args[0] ?? '/root');
        if (!this.fs.dirs.has(target)) {
          o.stderr(`${this.program}: cd: ${args[0]}: No such file or directory\n`);
          return 1;
        }
        this.cwd = target;
        return 0;
      }
      case 'ls': {
        const paths = args.filter((a) => !a.startsWith('-'));
        let status = 0;
        for (const p of paths.length ? paths : ['.']) {
          const full = resolvePath(this.cwd, p);
          const dir = this.fs.dirs.get(full);
          if (dir) o.stdout(dir.length ? `${dir.join('\n')}\n` : '');
          else if (this.fs.files.has(full)) o.stdout(`${p}\n`);
          else {
            o.stderr(`ls: ${p}: No such file or directory\n`);
            status = 1;
          }
        }
        return status;
      }
      case 'cat': {
        let status = 0;
        for (const p of args) {
          const full = resolvePath(this.cwd, p);
          const text = this.fs.files.get(full);
          if (text !== undefined) o.stdout(text);
          else {
            o.stderr(`cat: ${p}: ${this.fs.dirs.has(full) ? 'Is a directory' : 'No such file or directory'}\n`);
            status = 1;
          }
        }
        return status;
      }
      case 'sleep': {
        const s = Number(args[0] ?? 'x');
        if (!Number.isFinite(s) || s < 0) {
          o.stderr(`sleep: invalid number '${args[0] ?? ''}'\n`);
          return 1;
        }
        const interrupted = await new Promise<boolean>((resolve) => {
          const t = setTimeout(() => resolve(false), s * 1000);
          this.interrupt = () => {
            clearTimeout(t);
            resolve(true);
          };
        });
        this.interrupt = undefined;
        return interrupted ? 130 : 0;
      }
      case 'exit': {
        const code = args.length ? Number(args[0]) : this.last;
        throw new ShellExit(Number.isInteger(code) ? ((code % 256) + 256) % 256 : 2);
      }
      case 'sh':
      case 'bash': {
        if (cmd === 'bash' && !hasProgram(imageFamily(this.c.image), 'bash')) break;
        if (args[0] === '-c' && args[1] !== undefined) {
          const inner = new BuiltinShell(this.c, this.out, cmd);
          try {
            return await inner.runLine(args[1]);
          } catch (err) {
            if (err instanceof ShellExit) return err.code;
            throw err;
          }
        }
        return 0;
      }
      default:
        break;
    }
    o.stderr(`${this.program}: ${cmd0}: not found\n`);
    return 127;
  }
}

/**
 * A terminal's line discipline over a shell: echo, backspace, Enter, Ctrl-C, Ctrl-D, escape sequences ignored;
 * without a tty, plain lines and no prompt. `onExit` gets the exit code.
 */
export class InteractiveSession {
  private line = '';
  private queue: string[] = [];
  private running = false;
  private done = false;
  private escape = 0;
  private inputEnded = false;

  constructor(
    private readonly shell: BuiltinShell,
    private readonly write: (s: string) => void,
    private readonly tty: boolean,
    private readonly onExit: (code: number) => void,
  ) {
    if (tty) write(shell.prompt());
  }

  input(data: Buffer | string): void {
    if (this.done) return;
    const text = typeof data === 'string' ? data : data.toString('utf8');
    if (!this.tty) {
      this.line += text;
      let nl: number;
      while ((nl = this.line.indexOf('\n')) >= 0) {
        this.queue.push(this.line.slice(0, nl).replace(/\r$/, ''));
        this.line = this.line.slice(nl + 1);
      }
      void this.pump();
      return;
    }
    for (const ch of text) {
      if (this.escape > 0) {
        // ESC [ ... final byte: arrow keys and friends; nothing to do with them here.
        if (this.escape === 1 && ch !== '[' && ch !== 'O') this.escape = 0;
        else if (this.escape === 1) this.escape = 2;
        else if (/[A-Za-z~]/.test(ch)) this.escape = 0;
        continue;
      }
      if (ch === '\x1b') this.escape = 1;
      else if (ch === '\r' || ch === '\n') {
        this.write('\r\n');
        this.queue.push(this.line);
        this.line = '';
        void this.pump();
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.line.length) {
          this.line = this.line.slice(0, -1);
          this.write('\b \b');
        }
      } else if (ch === '\x03') {
        this.line = '';
        this.write('^C\r\n');
        if (this.running) this.shell.cancel();
        else this.write(this.shell.prompt());
      } else if (ch === '\x04') {
        if (this.line === '' && !this.running) this.finish(this.shell.status);
      } else if (ch >= ' ') {
        this.line += ch;
        this.write(ch);
      }
    }
  }

  /** stdin closed: a non-tty shell runs what is left and exits with the last status. */
  endInput(): void {
    this.inputEnded = true;
    if (!this.tty && this.line !== '') {
      this.queue.push(this.line);
      this.line = '';
    }
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.running || this.done) return;
    this.running = true;
    try {
      while (this.queue.length && !this.done) {
        const line = this.queue.shift()!;
        try {
          await this.shell.runLine(line);
        } catch (err) {
          if (err instanceof ShellExit) {
            this.finish(err.code);
            return;
          }
          throw err;
        }
        if (this.tty && !this.done) this.write(this.shell.prompt());
      }
    } finally {
      this.running = false;
    }
    if (this.inputEnded && !this.done && this.queue.length === 0) this.finish(this.shell.status);
  }

  private finish(code: number): void {
    if (this.done) return;
    this.done = true;
    this.shell.cancel();
    this.onExit(code);
  }
}
