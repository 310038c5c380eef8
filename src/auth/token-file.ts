// A bearer token read from a file that something else rotates (bound service-account tokens, vault agents).
// client-go re-reads such files every minute; we also look at the file's stat on every use, so a rotation is
// picked up at once, and re-read unconditionally after a 401.
import { stat } from 'node:fs/promises';
import { FILE_LIMITS, fileProblemOf, readRegularFile } from '../files/read-regular-file.js';
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
      text = await readRegularFile(this.path, FILE_LIMITS.credential);
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
    return new CredentialError(this.userName, `the token file ${this.path} of user "${this.userName}" ${fileProblemOf(err).reason}`,
      'fix the tokenFile path in your kubeconfig, or make the file readable');
  }
}
