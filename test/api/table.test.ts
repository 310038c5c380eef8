// The streamed list decoder gives what decoding the whole body gives (rows, columns, resourceVersion, continue), but
// hands rows over as they arrive; and it names a malformed body as the whole-body decoder did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ListPageDecoder, decodeListPage, type DecodedPage } from '../../src/api/table.js';
import type { Row, TableColumn } from '../../src/api/row.js';
import { MalformedResponseError } from '../../src/errors.js';

const columns = [{ name: 'Name', type: 'string', format: 'name', description: 'the name', priority: 0 }, { name: 'Ready', type: 'string', priority: 0 }];
const tableRow = (i: number) => ({
  cells: [`web-${i}`, '1/1'],
  object: { kind: 'PartialObjectMetadata', metadata: { name: `web-${i}`, namespace: 'shop', uid: `u-${i}`, resourceVersion: String(100 + i), creationTimestamp: '2026-01-01T00:00:00Z', labels: { app: 'web' }, ownerReferences: [{ uid: 'rs-1' }] } },
});

function decodeInChunks(body: string, size: number): { batches: Row[][]; page: DecodedPage; columns: TableColumn[][] } {
  const batches: Row[][] = [];
  const cols: TableColumn[][] = [];
  const d = new ListPageDecoder('the list pods response', (rows, c) => {
    batches.push(rows);
    cols.push(c);
  });
  const buf = Buffer.from(body);
  for (let i = 0; i < buf.length; i += size) d.push(buf.subarray(i, i + size));
  return { batches, page: d.end(), columns: cols };
}

const strip = (rows: Row[]) => rows.map(({ receivedAt: _, ...r }) => r);

test('a Table streamed in chunks decodes to the rows, columns and metadata of the whole body, in several batches', () => {
  const body = JSON.stringify({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '77', continue: 'next-page' }, columnDefinitions: columns, rows: Array.from({ length: 400 }, (_, i) => tableRow(i)) });
  const whole = decodeListPage(JSON.parse(body));
  const { batches, page, columns: cols } = decodeInChunks(body, 4096);
  assert.ok(batches.filter((b) => b.length).length > 5, `rows came in ${batches.length} batches`);
  assert.deepEqual(strip(batches.flat().concat(page.rows)), strip(whole.rows));
  assert.deepEqual(page.columns, whole.columns);
  assert.deepEqual(cols[0], whole.columns, 'each batch comes with the columns');
  assert.equal(page.resourceVersion, '77');
  assert.equal(page.continueToken, 'next-page');
  assert.equal(page.isTable, true);
  assert.equal(batches.flat()[0]!.uid, 'u-0');
  assert.deepEqual(batches.flat()[0]!.ownerUids, ['rs-1']);
});

test('a plain list streams its items as Name/Age rows; a body with its columns after its rows is decoded at the end', () => {
  const items = Array.from({ length: 50 }, (_, i) => ({ metadata: { name: `cm-${i}`, namespace: 'shop', uid: `c-${i}`, resourceVersion: '5' } }));
  const list = JSON.stringify({ kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '5' }, items });
  const got = decodeInChunks(list, 100);
  assert.equal(got.batches.flat().length, 50);
  assert.deepEqual(got.columns[0]!.map((c) => c.name), ['Name', 'Age']);
  assert.equal(got.page.isTable, false);

  const late = JSON.stringify({ kind: 'Table', rows: [tableRow(1), tableRow(2)], columnDefinitions: columns, metadata: { resourceVersion: '9' } });
  const l = decodeInChunks(late, 64);
  assert.equal(l.batches.flat().length, 0, 'nothing before the columns are known');
  assert.deepEqual(l.page.rows.map((r) => r.name), ['web-1', 'web-2']);
  assert.deepEqual(l.page.columns.map((c) => c.name), ['Name', 'Ready']);
});

test('malformed bodies are named as before: not JSON, a bad column list, a bad row', () => {
  const expectMalformed = (body: string, message: RegExp) => {
    assert.throws(() => decodeInChunks(body, 7), (e: unknown) => e instanceof MalformedResponseError && message.test(e.message), body.slice(0, 50));
  };
  expectMalformed('<html>login</html>', /^malformed response: expected JSON in the list pods response, got 18 bytes of something else \(starting "<html>login<\/html>"\)$/);
  expectMalformed(JSON.stringify({ kind: 'Table', columnDefinitions: { name: 'Name' }, rows: [] }), /expected Table\.columnDefinitions to be a list in the list pods response, got an object/);
  expectMalformed(JSON.stringify({ kind: 'Table', columnDefinitions: columns, rows: [tableRow(1), 'oops'] }), /expected each Table row to be an object in the list pods response, got the text "oops"/);
  expectMalformed(JSON.stringify({ kind: 'Table', columnDefinitions: columns, rows: [{ cells: 'x' }] }), /expected Table row cells to be a list/);
  expectMalformed(`${JSON.stringify({ kind: 'Table', columnDefinitions: columns, rows: [tableRow(1)] }).slice(0, -2)},{"cells":[}]}`, /expected JSON in the list pods response/);
});
