import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableTitle } from '../../src/ui-state/table-model.js';

test('title shows resource, scope, count and filter', () => {
  assert.equal(tableTitle('pods', true, undefined, 1234, ''), 'pods(all)[1234]');
  assert.equal(tableTitle('pods', true, 'team-a', 12, '</web>'), 'pods(team-a)[12] </web>');
  assert.equal(tableTitle('nodes', false, 'x', 3, ''), 'nodes[3]');
});

test('column widths stay put while scrolling a view (computed once, grow-only) (issue 17)', async () => {
  const { paintTable, visibleColumns } = await import('../../src/ui-state/table-model.js');
  const { FakeStore, POD_COLUMNS, row } = await import('./helpers/fakes.js');
  const store = new FakeStore(POD_COLUMNS);
  store.rows = [row('a'), row('b'), row('a-much-longer-pod-name-here'), row('c')];
  const view = store.view({});
  const visible = visibleColumns(store.columns, false, false);
  const paint = (top: number) => paintTable({ view, columns: store.columns, visible, cursor: top, top, height: 2, width: 100, now: 0, memo: store });
  const first = paint(2).header; // the long name on screen
  const scrolled = paint(0).header; // only short names on screen
  assert.equal(scrolled, first);
});

// Issue 17: server Tables print relative times as text ("87 (0s ago)", "28s"); they must tick at paint time.
test('relative times in cells tick at paint time: RESTARTS, LAST SEEN, LAST SCHEDULE, a running job DURATION, date columns (issue 17)', async () => {
  const { paintTable, visibleColumns } = await import('../../src/ui-state/table-model.js');
  const { decodeListPage } = await import('../../src/api/table.js');
  const { FakeStore } = await import('./helpers/fakes.js');
  const T = Date.parse('2026-01-01T00:00:00Z');
  const c = (name: string, type = 'string', priority = 0) => ({ name, type, format: name === 'Name' ? 'name' : '', description: '', priority });
  const table = (columnDefinitions: ReturnType<typeof c>[], rows: unknown[][]) => ({
    kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '1' }, columnDefinitions,
    rows: rows.map((cells, i) => ({ cells, object: { kind: 'PartialObjectMetadata', metadata: { name: String(cells.find((x) => typeof x === 'string' && x.startsWith('n-')) ?? `n-${i}`), namespace: 'default', uid: `u${i}`, resourceVersion: '1' } } })),
  });
  /** The table's text after `later` ms, as painted from rows received at T. */
  const paintAfter = (body: unknown, later: number): string[] => {
    const page = decodeListPage(body, 'test', T);
    const store = new FakeStore(page.columns);
    store.rows = page.rows;
    const m = paintTable({ view: store.view({}), columns: page.columns, visible: visibleColumns(page.columns, true, false), cursor: 0, top: 0, height: 10, width: 200, now: T + later });
    return m.rows.map((r) => r.text.replace(/ +/g, ' ').trim());
  };

  const pods = table([c('Name'), c('Ready'), c('Status'), c('Restarts', 'integer'), c('Age', 'date')], [['n-web', '1/1', 'Running', '87 (0s ago)', '5m'], ['n-calm', '1/1', 'Running', 0, '2d3h']]);
  assert.deepEqual(paintAfter(pods, 0), ['n-web 1/1 Running 87 (0s ago) 5m', 'n-calm 1/1 Running 0 2d3h']);
  assert.deepEqual(paintAfter(pods, 65_000), ['n-web 1/1 Running 87 (65s ago) 6m5s', 'n-calm 1/1 Running 0 2d3h']);
  assert.deepEqual(paintAfter(pods, 3 * 3600_000 + 12 * 60_000), ['n-web 1/1 Running 87 (3h12m ago) 3h17m', 'n-calm 1/1 Running 0 2d6h']);

  const events = table([c('Last Seen'), c('Type'), c('Reason'), c('Object'), c('Message'), c('First Seen', 'string', 1), c('Count', 'string', 1), c('Name', 'string', 1)],
    [['28s', 'Normal', 'Pulled', 'pod/web', 'pulled', '45m', '3', 'n-ev'], ['<unknown>', 'Normal', 'X', 'pod/a', 'm', '<unknown>', '1', 'n-ev2']]);
  assert.deepEqual(paintAfter(events, 100_000), ['2m8s Normal Pulled pod/web pulled 46m 3 n-ev', '<unknown> Normal X pod/a m <unknown> 1 n-ev2']);

  const cronjobs = table([c('Name'), c('Schedule'), c('Suspend', 'boolean'), c('Active', 'integer'), c('Last Schedule'), c('Age', 'date')], [['n-cj', '*/5 * * * *', false, 0, '4m', '45d'], ['n-never', '@daily', false, 0, '<none>', '2y20d']]);
  assert.deepEqual(paintAfter(cronjobs, 30_000), ['n-cj */5 * * * * false 0 4m30s 45d', 'n-never @daily false 0 <none> 2y20d']);

  const jobs = table([c('Name'), c('Status'), c('Completions'), c('Duration'), c('Age', 'date')], [['n-run', 'Running', '0/1', '10s', '10s'], ['n-done', 'Complete', '1/1', '7s', '20s']]);
  assert.deepEqual(paintAfter(jobs, 50_000), ['n-run Running 0/1 60s 60s', 'n-done Complete 1/1 7s 70s'], 'a running job\'s DURATION ticks, a finished one\'s is fixed');

  const crd = table([c('Name'), c('Expires', 'date'), c('Phase')], [['n-cert', '9m59s', 'Ready']]);
  assert.deepEqual(paintAfter(crd, 1_000), ['n-cert 10m Ready'], 'a custom resource\'s date column ticks too');
});
