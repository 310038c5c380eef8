import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellTick, tickedCell } from '../../src/api/relative-cells.js';
import { humanDuration, parseHumanDuration } from '../../src/api/duration.js';
import type { Row, TableColumn } from '../../src/api/row.js';

const col = (name: string, type = 'string'): TableColumn => ({ name, type, format: '', description: '', priority: 0 });

test('HumanDuration texts parse back to what they say, for every magnitude kubectl prints', () => {
  for (const s of [0, 1, 59, 119, 120, 121, 599, 600, 601, 3599, 10_799, 10_800, 11_520, 28_799, 28_800, 172_799, 172_800, 183_600, 691_199, 691_200, 3_888_000, 63_071_999, 63_072_000, 64_800_000, 252_288_000, 300_000_000]) {
    const text = humanDuration(s * 1000);
    const back = parseHumanDuration(text)!;
    assert.equal(humanDuration(back), text, `${s}s → ${text} → ${back}ms`);
  }
  assert.equal(parseHumanDuration('3h12m'), (3 * 60 + 12) * 60_000);
  assert.equal(parseHumanDuration('2y20d'), (730 + 20) * 86_400_000);
  assert.equal(parseHumanDuration('3d4h'), (3 * 24 + 4) * 3600_000);
  for (const not of ['', '<none>', '<unknown>', '<invalid>', '5', 'm5', '5m3h', '1/1', 'Running', '3h 12m', 'soon']) assert.equal(parseHumanDuration(not), undefined, not);
});

test('which columns tick: date types, the printers\' "since" columns, RESTARTS, and a job DURATION only beside a Status', () => {
  const cols = [col('Name'), col('Status'), col('Restarts', 'integer'), col('Age', 'date'), col('Last Seen'), col('Last Schedule'), col('Duration'), col('Expires', 'date'), col('Message')];
  assert.deepEqual(cols.map((_, i) => cellTick(cols, i)?.form), [undefined, undefined, 'restarts', 'duration', 'duration', 'duration', 'duration', 'duration', undefined]);
  assert.deepEqual(cellTick(cols, 6)?.while, { index: 1, equals: 'Running' });
  assert.equal(cellTick([col('Name'), col('Duration')], 1), undefined, 'without a Status the DURATION may be a finished one: left as printed');
});

test('a ticked cell: the server\'s text plus the time since the row arrived; other text unchanged', () => {
  const row = (cells: unknown[], receivedAt?: number): Row => ({ uid: 'u', name: 'n', cells, labels: {}, ownerUids: [], resourceVersion: '1', receivedAt });
  const r = row(['87 (0s ago)'], 1000);
  assert.equal(tickedCell('87 (0s ago)', { form: 'restarts' }, r, 1000 + 125_000), '87 (2m5s ago)');
  assert.equal(tickedCell('87', { form: 'restarts' }, r, 1e9), '87', 'no restart time: a plain count');
  assert.equal(tickedCell(3, { form: 'restarts' }, r, 1e9), 3);
  assert.equal(tickedCell('28s', { form: 'duration' }, r, 1000 + 2000), '30s');
  assert.equal(tickedCell('28s', { form: 'duration' }, r, 0), '28s', 'a clock behind the receipt does not count back');
  assert.equal(tickedCell('<none>', { form: 'duration' }, r, 1e9), '<none>');
  assert.equal(tickedCell('28s', { form: 'duration' }, row(['28s']), 1e9), '28s', 'a row without a receipt time is shown as printed');
  const job = row(['j', 'Complete', '7s'], 0);
  assert.equal(tickedCell('7s', { form: 'duration', while: { index: 1, equals: 'Running' } }, job, 60_000), '7s');
});
