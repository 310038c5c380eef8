// The pre-paint (the first screen, written before Ink loads) is the dashboard's first Ink frame, line for line: both
// are rendered here from one state (the real engine against the simulator over HTTPS, the start list in, as run.ts
// leaves it before the screen is taken), and compared. A change to the components' layout that the pre-paint does
// not follow (or the other way round) fails here.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { App } from '../../components/App.js';
import { plainLines, prePaint, prePaintLines, screenText } from '../../src/app/pre-paint.js';
import { createConnection, createServer, type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { LiveBackend } from '../../src/ui-state/live-backend.js';
import { primeSettled } from '../../src/ui-state/settled.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import type { ResourceRef } from '../../src/ui-state/engine-types.js';
import type { FirstFrameOptions } from '../../src/ui-state/first-frame.js';
import type { Palette } from '../../src/ui-state/skin.js';

const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', singular: 'pod', namespaced: true, shortNames: ['po'], verbs: ['get', 'list', 'watch'], categories: ['all'] };

let sim: Simulator;
let dir = '';
let kubeconfig = '';

before(async () => {
  sim = await startSimulator({ clusters: 1, tls: true, pods: 40, controllers: false, seed: 5 });
  dir = mkdtempSync(join(tmpdir(), 'kdeck-pre-paint-'));
  kubeconfig = join(dir, 'sim.yaml');
  sim.writeKubeconfig(kubeconfig);
});

after(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A backend as run.ts leaves it before the screen: the start list in, connection, discovery and version settled. */
async function started(namespace: string | undefined, resource = 'pods'): Promise<{ backend: LiveBackend; context: string }> {
  const backend = new LiveBackend({ kubeconfig }, { env: {}, homeDir: dir, cwd: dir });
  const context = backend.initialContext()!;
  const ref = resource === 'pods' ? PODS : (await backend.catalogue(context)).resolve(resource)!;
  const informer = backend.prefetch({ context, resource: ref, namespace });
  await new Promise<void>((resolve) => {
    const check = () => informer.state().phase !== 'syncing' && resolve();
    informer.subscribe(check);
    check();
  });
  await Promise.all([primeSettled(backend.connect(context)), primeSettled(backend.catalogue(context)), primeSettled(backend.serverVersion(context))]);
  return { backend, context };
}

/** Ink's first frame of the App and the pre-paint's lines, from one state and one clock. */
async function bothWays(o: Omit<FirstFrameOptions, 'backend' | 'context'> & { noColor: boolean }, namespace: string | undefined) {
  const { backend, context } = await started(namespace, o.startResource);
  const now = Date.now;
  const frozen = now();
  Date.now = () => frozen; // one clock for both: ages are painted to the second
  try {
    const lines = prePaintLines({ ...o, backend, context }, frozen);
    const r = render(<App {...o} backend={backend} context={context} onQuit={() => {}} />);
    const ink = r.frames[0] ?? '';
    r.unmount();
    return { lines, ink: ink.split('\n').map((l) => l.trimEnd()) };
  } finally {
    Date.now = now;
    await backend.close();
  }
}

/**
 * A line of terminal text as what a terminal shows: each character with the style it is drawn in (SGR state), so two
 * texts that write the same styles with different escape sequences compare equal. Trailing unstyled blanks dropped.
 */
function cells(line: string): string[] {
  const st = { fg: '', bg: '', bold: false, dim: false, inverse: false, underline: false };
  const out: string[] = [];
  for (const m of line.matchAll(/\x1b\[([0-9;]*)m|\x1b\[[0-9;?]*[A-Za-z]|([^\x1b])/gsu)) {
    if (m[2] !== undefined) {
      out.push(`${m[2]}|${st.fg}|${st.bg}|${+st.bold}${+st.dim}${+st.inverse}${+st.underline}`);
      continue;
    }
    if (m[1] === undefined) continue; // cursor and erase sequences: no style
    const codes = (m[1] || '0').split(';').map(Number);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c === 0) Object.assign(st, { fg: '', bg: '', bold: false, dim: false, inverse: false, underline: false });
      else if (c === 1) st.bold = true;
      else if (c === 2) st.dim = true;
      else if (c === 22) st.bold = st.dim = false;
      else if (c === 4) st.underline = true;
      else if (c === 24) st.underline = false;
      else if (c === 7) st.inverse = true;
      else if (c === 27) st.inverse = false;
      else if (c === 39) st.fg = '';
      else if (c === 49) st.bg = '';
      else if ((c >= 30 && c <= 37) || (c >= 90 && c <= 97)) st.fg = String(c);
      else if ((c >= 40 && c <= 47) || (c >= 100 && c <= 107)) st.bg = String(c);
      else if (c === 38 || c === 48) {
        const n = codes[i + 1] === 5 ? 2 : 4;
        const v = codes.slice(i + 1, i + 1 + n).join(':');
        if (c === 38) st.fg = v;
        else st.bg = v;
        i += n;
      }
    }
  }
  while (out.length && /^ \|\|\|0000$/.test(out[out.length - 1])) out.pop();
  return out;
}

describe('the pre-paint is the first Ink frame', () => {
  test('all namespaces, 100x30: every line the same', async () => {
    const { lines, ink } = await bothWays({ namespace: undefined, startResource: 'pods', version: '0.1.0', width: 100, height: 30, noColor: true }, undefined);
    assert.ok(lines, 'a table is pre-painted');
    assert.match(ink.join('\n'), /^NAMESPACE +NAME +READY/m, "Ink's first frame shows the table");
    assert.equal(ink.length, 30);
    assert.deepEqual(plainLines(lines), ink);
  });

  test('one namespace, a notice on the flash line, read-only, narrow (header and hints cut with …): every line the same', async () => {
    const probe = await started(undefined);
    const namespace = probe.backend.peek({ context: probe.context, resource: PODS, namespace: undefined })!.store.view({}).rows(0, 1)[0].namespace!;
    await probe.backend.close();
    const favouritesFile = join(dir, 'favourites.json');
    writeFileSync(favouritesFile, JSON.stringify({ contexts: {} }));
    const o = { namespace, startResource: 'pods', version: '0.1.0', width: 60, height: 16, noColor: true, readOnly: true, favourites: [namespace, 'kube-system'], favouritesFile, notice: { text: 'favourites file was damaged: set aside', level: 'warn' as const } };
    const { lines, ink } = await bothWays(o, namespace);
    assert.ok(lines, 'a table is pre-painted');
    assert.match(ink[0], /…$/, 'the header line is cut at the width');
    assert.ok(ink.some((l) => l.includes('favourites file was damaged')));
    assert.deepEqual(plainLines(lines), ink);
  });

  test('another resource (deployments, all namespaces), 120x20: every line the same', async () => {
    const { lines, ink } = await bothWays({ namespace: undefined, startResource: 'deployments', version: '0.1.0', width: 120, height: 20, noColor: true }, undefined);
    assert.ok(lines, 'a table is pre-painted');
    assert.match(ink.join('\n'), /deployments\(all\)\[\d+\]/);
    assert.deepEqual(plainLines(lines), ink);
  });

  test('a body that is not a table (an unknown resource) is not pre-painted: Ink lays out messages', async () => {
    const { backend, context } = await started(undefined);
    try {
      assert.equal(prePaintLines({ backend, context, namespace: undefined, startResource: 'nosuchthings', version: '0', width: 80, height: 24, noColor: true }), undefined);
    } finally {
      await backend.close();
    }
  });

  test('with colours and a skin: every character in the same style as in Ink\'s first frame', async () => {
    const { default: chalk } = await import('chalk');
    const level = chalk.level;
    chalk.level = 3; // truecolor, in Ink's chalk and the pre-paint's alike (one module)
    try {
      const palette: Palette = { title: 'cyan', columnHeaderFg: '#ff8800', menuFg: 'ansi256(33)', headerLabel: 'blue', ok: 'green', completed: 'gray', pending: 'rgb(200,200,0)' };
      const userConfig = () => ({ aliases: {}, hotkeys: [], plugins: [], views: [], palette });
      const { backend, context } = await started(undefined);
      const now = Date.now;
      const frozen = now();
      Date.now = () => frozen;
      try {
        const o = { backend, context, namespace: undefined, startResource: 'pods', version: '0.1.0', width: 100, height: 24, noColor: false, userConfig, demo: true };
        const lines = prePaintLines(o, frozen)!;
        const r = render(<App {...o} onQuit={() => {}} />);
        const ink = (r.frames[0] ?? '').split('\n');
        r.unmount();
        const painted = screenText(lines).split('\n');
        assert.equal(painted.length, ink.length);
        assert.match(ink[3], /\x1b\[/, "Ink's frame is coloured");
        for (let i = 0; i < ink.length; i++) assert.deepEqual(cells(painted[i]), cells(ink[i]), `line ${i}`);
      } finally {
        Date.now = now;
        await backend.close();
      }
    } finally {
      chalk.level = level;
    }
  });

  test("the screen text: the skin's colours as Ink's chalk writes them, each line's rest erased, nothing scrolled", async () => {
    const { backend, context } = await started(undefined);
    try {
      const palette: Palette = { title: 'cyan', columnHeaderFg: '#ff8800', menuFg: 'ansi256(33)' };
      const userConfig = () => ({ aliases: {}, hotkeys: [], plugins: [], views: [], palette });
      const lines = prePaintLines({ backend, context, namespace: undefined, startResource: 'pods', version: '0', width: 80, height: 12, noColor: false, userConfig })!;
      const { default: chalk } = await import('chalk');
      const level = chalk.level;
      chalk.level = 3;
      try {
        const text = screenText(lines);
        assert.equal(text.split('\n').length, 12, 'one line per row, no newline after the last (nothing scrolls)');
        assert.ok(text.endsWith('\x1b[H'), 'the cursor is left home, where Ink starts');
        assert.ok(text.split('\n').every((l) => l.includes('\x1b[K')), "each line's rest is erased");
        assert.match(text.split('\n')[3], /\x1b\[36m─/, 'the title rule in cyan');
        assert.match(text.split('\n')[4], /\x1b\[38;2;255;136;0mNAMESPA/, 'the column header in #ff8800');
        assert.match(text.split('\n')[11], /\x1b\[38;5;33m/, 'the hints in ansi256(33)');
        assert.match(text.split('\n')[5], /\x1b\[7m/, 'the cursor row in reverse video');
      } finally {
        chalk.level = level;
      }
    } finally {
      await backend.close();
    }
  });
});

describe('keys typed at the pre-painted screen', () => {
  test("are read into stdin's buffer at once, so Ink's input hook, subscribing later, gets them before a task queued then", async () => {
    const { backend, context } = await started(undefined);
    // stdin's reading is net.Socket's (tty.ReadStream is one): a socket pair stands in for the terminal, raw mode a
    // no-op. Like a tty.ReadStream (manualStart), the socket does not read until asked (pauseOnConnect).
    const path = join(dir, 'stdin.sock');
    const server = createServer({ pauseOnConnect: true });
    await new Promise<void>((r) => server.listen(path, r));
    const accepted = new Promise<Socket>((r) => server.once('connection', r));
    const terminal = createConnection(path);
    const input = Object.assign(await accepted, { isTTY: true, setRawMode: () => input }) as unknown as NodeJS.ReadStream;
    const out = Object.assign(new PassThrough(), { columns: 100, rows: 30 }) as unknown as NodeJS.WriteStream;
    const painted = prePaint({ namespace: undefined, startResource: 'pods', version: '0.1.0', noColor: true, backend, context }, out, input);
    try {
      assert.ok(painted, 'a table is pre-painted');
      terminal.write(':');
      for (let i = 0; i < 200 && input.readableLength === 0; i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal(input.readableLength, 1, "the key waits in stdin's buffer, before anything subscribed to it");
      // Ink's first frame: its effects queue a render (a task) and its input hook subscribes, in one synchronous stretch.
      const order: string[] = [];
      setImmediate(() => order.push('queued render'));
      input.on('readable', () => {
        for (let c = input.read(); c !== null; c = input.read()) order.push(`key ${String(c)}`);
      });
      await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(order, ['key :', 'queued render']);
    } finally {
      painted?.restore();
      terminal.destroy();
      input.destroy();
      await new Promise((r) => server.close(r));
      await backend.close();
    }
  });
});
