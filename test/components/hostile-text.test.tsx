// Outside text on the dashboard: what a hostile server or kubeconfig puts in any column, header field or message
// is painted escaped (never acted on by the terminal), wide and zero-width characters keep columns aligned,
// URL passwords and known secrets are never shown, and an unverified TLS connection is always visible.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { App } from '../../components/App.js';
import { FakeBackend, row } from '../ui-state/helpers/fakes.js';
import type { ContextInfo } from '../../src/ui-state/backend.js';
import { ApiStatusError } from '../../src/errors.js';
import { rememberSecrets } from '../../src/auth/redact.js';
import { displayWidth } from '../../src/text/sanitize.js';

const EVIL = 'evil\x1b]2;PWNED-TITLE\x07\x1b[2J\x1b[31mRED\x9b5m\u202eX';
/** What must never reach the terminal from outside text (Ink's own SGR styling aside). */
const ACTED_ON = /\x1b\]|\x1b\[2J|\x1b\[31m|\x07|\x9b|\u202e/;

class HostileBackend extends FakeBackend {
  override async connect(context: string): Promise<ContextInfo> {
    const c = await super.connect(context);
    return { ...c, server: 'https://admin:Passw0rd-in-URL@10.0.0.1:6443', insecure: context === 'one' };
  }
  override async serverVersion(): Promise<string> {
    return `v1.30${EVIL}`;
  }
}

const CONTEXTS = [
  { name: 'one', cluster: `c1${EVIL}`, user: 'admin', namespace: 'default', current: true, insecure: true },
  { name: `名前-${EVIL}`, cluster: 'クラスタ', user: 'u', current: false },
];

const tick = (ms = 10) => new Promise((r) => setTimeout(r, ms));
async function until(frame: () => string | undefined, pred: (f: string) => boolean, what: string): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const f = frame() ?? '';
    if (pred(f)) return f;
    await tick();
  }
  assert.fail(`${what} never appeared; last frame:\n${frame()}`);
}

const mounted: { unmount(): void }[] = [];
after(() => {
  for (const m of mounted) m.unmount();
});

function mount(rows: ReturnType<typeof row>[], state?: object) {
  const b = new HostileBackend(CONTEXTS, () => ({ rows, ...(state ? { state: state as never } : {}) }));
  const r = render(<App backend={b} context="one" namespace="default" startResource="pods" version="0.1.0" width={120} height={20} noColor favourites={['default']} onQuit={() => {}} />);
  mounted.push(r);
  return r;
}

describe('hostile text on the dashboard', () => {
  test('control sequences in every column are shown escaped, never emitted', async () => {
    const rows = [row('web-1'), row('web-2')].map((r) => ({ ...r, cells: r.cells.map((c, i) => (i === 0 ? c : `${EVIL}`)), namespace: `ns${EVIL}` }));
    const r = mount(rows);
    const f = await until(r.lastFrame, (f) => f.includes('web-2'), 'rows');
    assert.doesNotMatch(f, ACTED_ON);
    assert.match(f, /evil\\e\]2;PWNED/);
  });
  test('header: gitVersion and cluster escaped, the URL password masked, TLS NOT VERIFIED shown', async () => {
    const r = mount([row('web-1')]);
    const f = await until(r.lastFrame, (f) => f.includes('k8s: v1.30'), 'header');
    assert.doesNotMatch(f, ACTED_ON);
    assert.ok(!f.includes('Passw0rd-in-URL'), 'password in the server URL');
    assert.match(f, /\[redacted\]@10\.0\.0\.1:6443/);
    assert.match(f, /\[TLS NOT VERIFIED\]/);
  });
  test(':ctx lists names escaped, aligned in display columns, with the TLS state', async () => {
    const r = mount([row('web-1')]);
    await until(r.lastFrame, (f) => f.includes('web-1'), 'table');
    r.stdin.write(':');
    await tick(30);
    r.stdin.write('ctx\r');
    const f = await until(r.lastFrame, (f) => f.includes('contexts[2]'), 'contexts');
    assert.doesNotMatch(f, ACTED_ON);
    assert.match(f, /TLS\s*\n.*default +NOT VERIFIED/);
    const lines = f.split('\n');
    const header = lines.find((l) => l.includes('CLUSTER'))!;
    const col = (l: string, word: string) => displayWidth(l.slice(0, l.indexOf(word)));
    const wide = lines.find((l) => l.includes('クラスタ'))!;
    assert.equal(col(wide, 'クラスタ'), col(header, 'CLUSTER'), `columns aligned:\n${header}\n${wide}`);
  });
  test('wide and zero-width names keep the columns aligned', async () => {
    const names = ['日本語の名前', 'cafe\u0301-e\u0301', 'plain', '😀-emoji'];
    const r = mount(names.map((n) => row(n)));
    const f = await until(r.lastFrame, (f) => f.includes('plain'), 'rows');
    const lines = f.split('\n').filter((l) => names.some((n) => l.includes(n)));
    assert.equal(lines.length, 4);
    const at = lines.map((l) => displayWidth(l.slice(0, l.indexOf('1/1'))));
    assert.ok(at.every((x) => x === at[0]), `READY column at ${at.join(', ')}:\n${lines.join('\n')}`);
  });
  test('an error message from the server: escaped, known secrets redacted', async () => {
    rememberSecrets('tok-on-screen-5521');
    const err = new ApiStatusError({ code: 403, reason: 'Forbidden', message: `pods is forbidden${EVIL} token tok-on-screen-5521` });
    const r = mount([], { phase: 'forbidden', error: err });
    const f = await until(r.lastFrame, (f) => f.includes('pods is forbidden'), 'message');
    assert.doesNotMatch(f, ACTED_ON);
    assert.ok(!f.includes('tok-on-screen-5521'));
  });
});
