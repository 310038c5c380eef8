// A bearer token read from a file that something else rotates (bound service-account tokens, vault agents).
// client-go re-reads such files every minute; we also look at the file's stat on every use, so a rotation is
// picked up at once, and re-read unconditionally after a 401.
import { readFile, stat } from 'node:fs/promises';
import { CredentialError } from '../errors.js';

const MAX_AGE_MS = 60_000;

export class TokenFileSource {
  private token?: string;
  private readAt = 0;
  private fingerprint = '';

  constructor(
    readonly path: string,
    private readonly userName: string,
  ) {}

  async getToken(): Promise<string> {
    let fingerprint: string;
    try {
      const s = await stat(this.path);
      fingerprint = `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch (err) {
      throw this.unreadable(err);
    }
    const fresh = this.token !== undefined && fingerprint === this.fingerprint && Date.now() - this.readAt < MAX_AGE_MS;
    if (fresh) return this.token!;
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      throw this.unreadable(err);
    }
    const token = text.trim();
    if (!token) {
      throw new CredentialError(this.userName, `the token file ${this.path} of user "${this.userName}" is empty`,
        'check what writes this file (tokenFile in your kubeconfig), or point tokenFile at the right file');
    }
    this.token = token;
    this.fingerprint = fingerprint;
    this.readAt = Date.now();
    return token;
  }

  /** Forget the cached token so the next use reads the file again (after a 401). */
  invalidate(): void {
    this.token = undefined;
  }

  private unreadable(err: unknown): CredentialError {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable (permission denied)' : `cannot be read (${code ?? String(err)})`;
    return new CredentialError(this.userName, `the token file ${this.path} of user "${this.userName}" ${why}`,
      'fix the tokenFile path in your kubeconfig, or make the file readable');
  }
}
