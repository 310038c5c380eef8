// Issue 17's dashboard rough edges, each reproduced on the component with an in-memory backend.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { App } from '../../components/App.js';
import { tick, until } from './helpers/frames.js';
import { FakeBackend, row } from '../ui-state/helpers/fakes.js';
import type { InformerKey } from '../../src/ui-state/engine-types.js';

const CONTEXTS = [{ name: 'one', cluster: 'c1', user: 'admin', namespace: 'default', current: true }];
const mounted: { unmount(): void }[] = [];
after(() => mounted.forEach((m) => m.unmount()));


function mount(rowsFor: (k: InformerKey) => { rows: ReturnType<typeof row>[] } = (k) => ({ rows: k.namespace === 'nosuch' ? [] : [row('pod-a', { namespace: k.namespace }), row('pod-b', { status: 'Pending', namespace: k.namespace })] }), extra = {}) {
  const backend = new FakeBackend(CONTEXTS, rowsFor);
  const r = render(<App backend={backend} context="one" namespace="default" startResource="pods" version="0.1.0" width={100} height={20} noColor {...extra} />);
  mounted.push(r);
  return r;
}

async function command(r: ReturnType<typeof mount>, line: string) {
  r.stdin.write(':');
  await tick();
  r.stdin.write(line);
  await tick();
  r.stdin.write('\r');
}

test('a status message clears on the next action, and after a while by itself', async () => {
  const r = mount(undefined, { flashMs: 300 });
  await until(r.lastFrame, (f) => f.includes('pod-a'), 'rows');
  await command(r, 'nosuch');
  await until(r.lastFrame, (f) => f.includes('unknown resource "nosuch"'), 'the message');
  r.stdin.write('j');
  await until(r.lastFrame, (f) => !f.includes('unknown resource'), 'the message cleared by the next key');
  await command(r, 'nosuchtoo');
  await until(r.lastFrame, (f) => f.includes('unknown resource "nosuchtoo"'), 'a second message');
  await until(r.lastFrame, (f) => !f.includes('nosuchtoo'), 'the message gone after its time');
});

test('invalid or empty namespaces are never saved as favourites; one that showed rows is', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'kdeck-fav-')), 'favourites.json');
  const r = mount(undefined, { favouritesFile: file });
  await until(r.lastFrame, (f) => f.includes('pod-a'), 'rows');
  await command(r, 'ns Bad_NS');
  await until(r.lastFrame, (f) => f.includes('not a valid namespace name'), 'the name refused');
  await command(r, 'po -n nosuch');
  await until(r.lastFrame, (f) => f.includes('no pods'), 'an empty namespace');
  await command(r, 'svc -l app=web');
  await until(r.lastFrame, (f) => f.includes('services(nosuch)'), 'services with a selector, not a namespace "-l"');
  const saved = existsSync(file) ? readFileSync(file, 'utf8') : '';
  assert.doesNotMatch(saved, /nosuch|Bad_NS|-l/);
  assert.doesNotMatch(r.lastFrame() ?? '', /<\d>(nosuch|-l|Bad_NS)/);
  await command(r, 'ns team-a');
  await until(r.lastFrame, (f) => /<\d>team-a/.test(f), 'team-a a favourite once it showed rows');
  assert.match(readFileSync(file, 'utf8'), /team-a/);
});

test('the picked column and the sort arrow are one mark that Shift-←/→ moves and Shift-O reverses', async () => {
  const r = mount();
  await until(r.lastFrame, (f) => f.includes('pod-a'), 'rows');
  const header = (f: string) => f.split('\n').find((l) => /^NAME/.test(l)) ?? '';
  const shiftRight = '\u001B[1;2C';
  r.stdin.write(shiftRight);
  await until(r.lastFrame, (f) => header(f).includes('READY↑'), 'sorted by READY');
  r.stdin.write(shiftRight);
  let h = header(await until(r.lastFrame, (f) => header(f).includes('STATUS↑'), 'sorted by STATUS'));
  assert.equal((h.match(/[↑↓*]/g) ?? []).length, 1, h);
  r.stdin.write('O');
  h = header(await until(r.lastFrame, (f) => header(f).includes('STATUS↓'), 'reversed'));
  assert.equal((h.match(/[↑↓*]/g) ?? []).length, 1, h);
  r.stdin.write('N');
  await until(r.lastFrame, (f) => header(f).includes('NAME↑'), 'by name');
  r.stdin.write('\u001B[1;2D'); // Shift-← from NAME wraps to the last column
  h = header(await until(r.lastFrame, (f) => !header(f).includes('NAME↑') && /[↑↓]/.test(header(f)), 'moved left'));
  assert.equal((h.match(/[↑↓*]/g) ?? []).length, 1, h);
});
