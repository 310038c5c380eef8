// A keypress is painted at once even right after an event's frame: with kdeck's Ink options (real Ink, not the
// testing library's unthrottled debug mode) the key's frame is written while the key is handled, not after a
// frame-rate cap's timer. Checked by what was written, never timed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import { App } from '../../components/App.js';
import { RENDER_OPTIONS } from '../../src/app/render-options.js';
import { RowStore } from '../../src/store/row-store.js';
import { FakeBackend, FakeInformer, POD_COLUMNS, row } from '../ui-state/helpers/fakes.js';
import type { InformerKey, InformerLease } from '../../src/ui-state/engine-types.js';

class Tty extends EventEmitter {
  readonly isTTY = true;
  readonly columns = 100;
  readonly rows = 24;
  writes: string[] = [];
  onWrite?: (s: string) => void;
  write = (s: string) => {
    this.writes.push(s);
    this.onWrite?.(s);
    return true;
  };
}

class Keyboard extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;
  press(s: string): void {
    this.data = s;
    this.emit('readable');
    this.emit('data', s);
  }
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

const until = async (pred: () => boolean, what: string) => {
  // A hang bound, not a timing: a loaded machine (the suite runs two files at once) may take seconds to a first frame.
  for (let i = 0; i < 3000 && !pred(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(pred(), what);
};

const unmounts: (() => void)[] = [];
after(() => unmounts.forEach((u) => u()));

test('a key read right after an event frame is painted in the same turn, not at the frame-rate cap', async (t) => {
  const store = new RowStore();
  store.setColumns(POD_COLUMNS);
  for (let i = 0; i < 100; i++) store.upsert(row(`pod-${String(i).padStart(3, '0')}`));
  let informer: FakeInformer | undefined;
  const backend = new FakeBackend([{ name: 'one', cluster: 'c1', user: 'admin', namespace: 'default', current: true }], () => ({ rows: [] }));
  backend.acquire = (k: InformerKey): InformerLease => ({ informer: (informer ??= new FakeInformer(k, store as never)), release() {} });
  const stdout = new Tty();
  const stdin = new Keyboard();
  const ink = render(<App backend={backend} context="one" namespace="default" startResource="pods" version="0.1.0" width={100} height={24} noColor clockMs={3_600_000} onQuit={() => {}} />, {
    ...RENDER_OPTIONS,
    patchConsole: false,
    stdout: stdout as never,
    stderr: new Tty() as never,
    stdin: stdin as never,
  });
  unmounts.push(() => ink.unmount());
  await until(() => stdout.writes.join('').includes('pods(default)[100]'), 'the table');
  await new Promise((r) => setTimeout(r, 100)); // the renders that follow the first table are done

  // An event changes a row on screen; the moment its frame goes out, a key follows (G: to the last row; the text
  // changes, not only the cursor's colour, which this colourless terminal does not show). The key's frame must be
  // written before any timer can run: a frame-rate cap would hold it for its timer (~16 ms at 60 fps).
  const keyFrame = new Promise<string>((resolve) => {
    let pressed = false;
    stdout.onWrite = (w) => {
      if (pressed || !w.includes('Evented')) return;
      pressed = true;
      setImmediate(() => {
        const before = stdout.writes.length;
        stdin.press('G');
        // React commits the key's update in a microtask it queued while the key was handled: ours runs after it,
        // and no timer can run in between.
        queueMicrotask(() => resolve(stdout.writes.slice(before).join('')));
      });
    };
  });
  // Time stands still from here (the clock and timers): to a frame-rate cap the key comes 0 ms after the event's
  // frame however long React takes on this machine, and a cap's timer cannot fire in between.
  t.mock.timers.enable({ apis: ['Date', 'setTimeout'], now: Date.now() });
  store.upsert({ ...row('pod-002', { status: 'Evented' }), resourceVersion: '2' });
  informer!.emit();
  // Incremental rendering writes only what changed: "pod-0" stays, "15" becomes "99" on the last line.
  assert.match(await keyFrame, /99 +1\/1 +Running/, 'the last row (G) in a frame written at once');
});
