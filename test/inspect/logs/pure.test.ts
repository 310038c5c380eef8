// The logs client's pure parts: the ring, the line splitter (64 KB cut, blank lines, CRLF, chunk boundaries),
// timestamps, the filter and the one sanitiser on every line.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Ring } from '../../../src/inspect/logs/ring.js';
import { CUT_MARKER, LogLineSplitter, MAX_LINE_BYTES, splitTimestamp, stampKey, stampSecond } from '../../../src/inspect/logs/lines.js';
import { compileFilter, formatEntry, visibleLines } from '../../../src/inspect/logs/view-model.js';
import { podTargets } from '../../../src/inspect/logs/targets.js';
import { saveLogLines } from '../../../src/inspect/logs/save.js';
import { readFileSync, statSync } from 'node:fs';
import { tempDir } from '../../simulator/kubectl-helpers.js';

describe('logs: pure parts', () => {
  test('the ring keeps the newest N and counts what it dropped', () => {
    const r = new Ring<number>(3);
    for (let i = 1; i <= 7; i++) r.push(i);
    assert.deepEqual(r.toArray(), [5, 6, 7]);
    assert.equal(r.size, 3);
    assert.equal(r.dropped, 4);
    assert.equal(r.at(0), 5);
    r.clear();
    assert.deepEqual(r.toArray(), []);
    assert.throws(() => new Ring(0), /positive/);
  });

  test('lines split across chunks, blank lines kept, CRLF trimmed, a last line without newline flushed', () => {
    const s = new LogLineSplitter();
    const out: string[] = [];
    for (const c of ['he', 'llo\n\nwor', 'ld\r\nla', 'st']) s.push(Buffer.from(c), (l) => out.push(l));
    s.flush((l) => out.push(l));
    assert.deepEqual(out, ['hello', '', 'world', 'last']);
  });

  test('a line over 64 KB is cut with a marker and the rest of it skipped, even across chunks', () => {
    const s = new LogLineSplitter();
    const out: string[] = [];
    const long = 'x'.repeat(MAX_LINE_BYTES + 5000);
    s.push(Buffer.from(long.slice(0, 40_000)), (l) => out.push(l));
    s.push(Buffer.from(`${long.slice(40_000)}\nnext\n`), (l) => out.push(l));
    assert.equal(out.length, 2);
    assert.equal(out[0], 'x'.repeat(MAX_LINE_BYTES) + CUT_MARKER);
    assert.equal(out[1], 'next');
  });

  test('kubelet timestamps: split off, a sortable key with nine digits, the second for sinceTime', () => {
    assert.deepEqual(splitTimestamp('2026-01-02T03:04:05.123456789Z hello world'), { stamp: '2026-01-02T03:04:05.123456789Z', text: 'hello world' });
    assert.deepEqual(splitTimestamp('no stamp here'), { text: 'no stamp here' });
    assert.equal(stampKey('2026-01-02T03:04:05.5Z'), '2026-01-02T03:04:05.500000000Z');
    assert.equal(stampKey('2026-01-02T05:04:05.25+02:00'), '2026-01-02T03:04:05.250000000Z');
    assert.equal(stampSecond('2026-01-02T03:04:05.500000000Z'), '2026-01-02T03:04:05Z');
  });

  test('every control sequence is escaped; SGR colours only kept when asked', () => {
    const e = { source: '', target: 0, text: 'a\x1b[31mred\x1b[0m \x1b[2J\x1b]0;title\x07 \x9b6n bell\x07' };
    const plain = formatEntry(e, { timestamps: false, colours: false });
    assert.ok(!plain.includes('\x1b') && !plain.includes('\x07') && !plain.includes('\x9b'), JSON.stringify(plain));
    assert.match(plain, /\\e\[31mred/);
    const coloured = formatEntry(e, { timestamps: false, colours: true });
    assert.ok(coloured.includes('\x1b[31m'), 'SGR kept');
    assert.ok(!coloured.includes('\x1b[2J') && !coloured.includes('\x1b]0;') && !coloured.includes('\x07'), JSON.stringify(coloured));
  });

  test('filter: regex, case-insensitive, ! inverts, an unfinished regex filters as text', () => {
    const entries = ['GET /api 200', 'POST /api 500', 'GET /healthz 200'].map((text) => ({ source: '', target: 0, text }));
    const opts = { timestamps: false, colours: false };
    assert.deepEqual(visibleLines(entries, { ...opts, filter: ' 5\\d\\d$' }), ['POST /api 500']);
    assert.deepEqual(visibleLines(entries, { ...opts, filter: '!healthz' }), ['GET /api 200', 'POST /api 500']);
    assert.deepEqual(visibleLines(entries, { ...opts, filter: 'get' }), ['GET /api 200', 'GET /healthz 200']);
    const bad = compileFilter('/api(');
    assert.ok(bad.error);
    assert.equal(bad.test('x /api( y'), true);
  });

  test('timestamps and the pod/container prefix', () => {
    const e = { source: 'web-1/nginx', target: 0, stamp: '2026-01-02T03:04:05.000000000Z', text: 'hi' };
    assert.equal(formatEntry(e, { timestamps: true, colours: false }), '2026-01-02T03:04:05.000000000Z web-1/nginx hi');
    assert.equal(formatEntry(e, { timestamps: false, colours: false }), 'web-1/nginx hi');
  });

  test('which containers: the default-container annotation, else the first; one named; all with init first', () => {
    const pod = { metadata: { name: 'p', namespace: 'n', annotations: { 'kubectl.kubernetes.io/default-container': 'b' } }, spec: { initContainers: [{ name: 'i' }], containers: [{ name: 'a' }, { name: 'b' }] } };
    assert.deepEqual(podTargets(pod).map((t) => t.container), ['b']);
    assert.deepEqual(podTargets({ ...pod, metadata: { name: 'p', namespace: 'n' } }).map((t) => t.container), ['a']);
    assert.deepEqual(podTargets(pod, { container: 'a' }).map((t) => t.container), ['a']);
    assert.deepEqual(podTargets(pod, { all: true }).map((t) => t.container), ['i', 'a', 'b']);
  });

  test('Ctrl-S writes the lines to a new file under XDG_STATE_HOME/kdeck/logs, private to the user', () => {
    const state = tempDir('kdeck-logs-save-');
    const file = saveLogLines('deploy/api', ['one', 'two'], new Date('2026-01-02T03:04:05Z'), { XDG_STATE_HOME: state });
    assert.equal(file, `${state}/kdeck/logs/deploy-api-20260102-030405.log`);
    assert.equal(readFileSync(file, 'utf8'), 'one\ntwo\n');
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });
});
