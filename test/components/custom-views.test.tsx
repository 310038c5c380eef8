// views.yaml in the table: listed columns in their order, a JSONPath column read from the full object (listed
// for the view) or from the row's metadata, the rest only in wide mode, and the default sort.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { App } from '../../components/App.js';
import { FakeBackend, row } from '../ui-state/helpers/fakes.js';
import { parseViews } from '../../src/config/views.js';
import { EMPTY_USER_CONFIG } from '../../src/config/user-config.js';

const mounted: { unmount(): void }[] = [];
after(() => mounted.forEach((m) => m.unmount()));

test('custom columns, JSONPath from the object and from metadata, wide, sortColumn', async () => {
  const b = new FakeBackend([{ name: 'one', cluster: 'c1', user: 'admin', namespace: 'default', current: true }], () => ({
    rows: [row('alpha', { labels: { app: 'shop' } }), row('beta', { status: 'Pending', labels: { app: 'cart' } })],
  }));
  const listed: string[] = [];
  Object.assign(b, {
    listObjects: async (_c: string, ref: { resource: string }, ns: string | undefined) => {
      listed.push(`${ref.resource} ${ns}`);
      return [
        { metadata: { uid: 'uid-alpha' }, spec: { containers: [{ image: 'nginx:1.27' }] } },
        { metadata: { uid: 'uid-beta' }, spec: { containers: [{ image: 'redis:7' }] } },
      ];
    },
  });
  const views = parseViews('views:\n  v1/pods:\n    sortColumn: NAME:desc\n    columns:\n      - STATUS\n      - NAME\n      - "IMAGE:.spec.containers[0].image"\n      - APP:.metadata.labels.app\n      - READY|W\n', 'views.yaml');
  const user = { ...EMPTY_USER_CONFIG, views };
  const r = render(<App backend={b} context="one" namespace="default" startResource="pods" version="0" width={100} height={10} noColor userConfig={() => user} onQuit={() => {}} />);
  mounted.push(r);
  let f = '';
  for (let i = 0; i < 200 && !(f = r.lastFrame() ?? '').includes('redis:7'); i++) await new Promise((res) => setTimeout(res, 10));
  const lines = f.split('\n');
  const h = lines.findIndex((l) => l.startsWith('STATUS'));
  assert.ok(h >= 0, f);
  assert.match(lines[h], /^STATUS\s+NAME↓\s+IMAGE\s+APP\s*$/);
  assert.match(lines[h + 1], /^Pending\s+beta\s+redis:7\s+cart/, 'NAME:desc puts beta first');
  assert.match(lines[h + 2], /^Running\s+alpha\s+nginx:1\.27\s+shop/);
  assert.deepEqual(listed, ['pods default']);
  r.stdin.write('\x17'); // Ctrl-W: READY (wide-only) and every column not listed
  for (let i = 0; i < 200 && !(f = r.lastFrame() ?? '').includes('RESTARTS'); i++) await new Promise((res) => setTimeout(res, 10));
  assert.match(f.split('\n').find((l) => l.startsWith('STATUS'))!, /^STATUS\s+NAME↓\s+IMAGE\s+APP\s+READY\s+RESTARTS\s+AGE/);
  r.unmount();
});
