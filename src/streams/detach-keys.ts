// What an attach does with the keys typed while the terminal is the container's: the detach sequence leaves
// (the main process keeps running), everything else goes to the process, or nowhere for an output-only attach.
//
// Detach is Ctrl-P Ctrl-Q, handled here in kdeck: docker's detach sequence, the one the Kubernetes docs
// ("kubectl for Docker users") tell docker users about; kubectl itself has none (its attach ends only with the
// process or the terminal), and k9s's attach ends only when the process does. A single key would be taken from the
// process: Ctrl-C and Ctrl-D mean something to a shell, Esc starts every arrow key. A lone Ctrl-P is held back
// until the next key and then sent with it, so shell history (Ctrl-P) still works. An output-only attach (the
// container has no stdin) sends nothing, so there Ctrl-C detaches too.

export const DETACH_LABEL = 'Ctrl-P Ctrl-Q';
const CTRL_P = 0x10;
const CTRL_Q = 0x11;
const CTRL_C = 0x03;

export interface KeysResult {
  /** Bytes for the process (empty when there are none). */
  forward: Buffer;
  detach: boolean;
}

export class DetachKeys {
  private held = false;

  constructor(private readonly outputOnly = false) {}

  feed(chunk: Buffer): KeysResult {
    const out: number[] = [];
    for (const byte of chunk) {
      if (this.held) {
        this.held = false;
        if (byte === CTRL_Q) return { forward: Buffer.from(out), detach: true };
        out.push(CTRL_P);
      }
      if (byte === CTRL_P) this.held = true;
      else if (this.outputOnly && byte === CTRL_C) return { forward: Buffer.alloc(0), detach: true };
      else out.push(byte);
    }
    return { forward: this.outputOnly ? Buffer.alloc(0) : Buffer.from(out), detach: false };
  }
}

/**
 * The line discipline a process without a tty expects of the terminal (kubectl attach -i leaves the terminal
 * cooked): typed characters are echoed and edited locally and sent a line at a time. The terminal itself stays
 * raw so that the detach keys arrive (a cooked terminal swallows Ctrl-Q as flow control).
 */
export class LineEditor {
  private line = '';
  /** Inside an escape sequence (arrow keys and friends): 1 after ESC, 2 after ESC [ or ESC O. */
  private escape = 0;

  /** Returns what to echo on the terminal and what to send (complete lines only). */
  feed(text: string): { echo: string; send: string } {
    let echo = '';
    let send = '';
    for (const ch of text) {
      if (this.escape === 1) this.escape = ch === '[' || ch === 'O' ? 2 : 0;
      else if (this.escape === 2) this.escape = /[A-Za-z~]/.test(ch) ? 0 : 2;
      else if (ch === '\x1b') this.escape = 1;
      else if (ch === '\r' || ch === '\n') {
        echo += '\r\n';
        send += `${this.line}\n`;
        this.line = '';
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.line) {
          this.line = [...this.line].slice(0, -1).join('');
          echo += '\b \b';
        }
      } else if (ch === '\x15') {
        // Ctrl-U: erase the line
        echo += '\b \b'.repeat([...this.line].length);
        this.line = '';
      } else if (ch >= ' ' || ch === '\t') {
        this.line += ch;
        echo += ch;
      }
    }
    return { echo, send };
  }
}
