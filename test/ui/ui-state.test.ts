import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration, fitColumns, fitText } from '../../src/ui-state/format.js';
import { parseCommand, complete, suggest, historyAdd, historyMove } from '../../src/ui-state/command.js';
import { parseFilter } from '../../src/ui-state/filter.js';
import { followCursor, moveCursor, scrollTop } from '../../src/ui-state/cursor.js';
import { rememberNamespace } from '../../src/ui-state/favourites.js';
import { rowHealth } from '../../src/ui-state/health.js';
import { drillDown } from '../../src/ui-state/drill.js';
import { initialState, reduce, runCommand, top } from '../../src/ui-state/app-state.js';
import { resourceView, toggleSort } from '../../src/ui-state/views.js';
import { actionFor, helpFor, BINDINGS } from '../../src/ui-state/keys.js';
import { tableTitle } from '../../src/ui-state/table-model.js';
import { fakeCatalogue, ref, row, key, POD_COLUMNS } from './helpers/fakes.js';

describe('format', () => {
  test('humanDuration follows kubectl', () => {
    assert.equal(humanDuration(42_000), '42s');
    assert.equal(humanDuration(185_000), '3m5s');
    assert.equal(humanDuration(180_000), '3m');
    assert.equal(humanDuration(65 * 60_000), '65m');
    assert.equal(humanDuration(4 * 3600_000 + 10 * 60_000), '4h10m');
    assert.equal(humanDuration(30 * 3600_000), '30h');
    assert.equal(humanDuration(3 * 86400_000 + 5 * 3600_000), '3d5h');
    assert.equal(humanDuration(100 * 86400_000), '100d');
    assert.equal(humanDuration(800 * 86400_000), '2y70d');
    assert.equal(humanDuration(-5000), '<invalid>');
  });
  test('fitText truncates with an ellipsis', () => {
    assert.equal(fitText('abcdef', 4), 'abc…');
    assert.equal(fitText('ab', 4), 'ab  ');
  });
  test('fitColumns shrinks the widest column to fit', () => {
    const w = fitColumns(['NAME', 'STATUS'], [['a-very-long-pod-name-indeed', 'Running']], 20);
    assert.equal(w.reduce((a, b) => a + b, 0) + 1, 20);
    assert.equal(w[1], 7);
  });
});

describe('command parsing', () => {
  test('resources with namespace, selector and context', () => {
    assert.deepEqual(parseCommand('deploy team-a'), { kind: 'resource', resource: 'deploy', namespace: 'team-a' });
    assert.deepEqual(parseCommand('po -n kube-system app=web'), { kind: 'resource', resource: 'po', namespace: 'kube-system', labelSelector: 'app=web' });
    assert.deepEqual(parseCommand('po -A @prod'), { kind: 'resource', resource: 'po', namespace: '', context: 'prod' });
    assert.deepEqual(parseCommand('dp', { dp: 'deployments' }), { kind: 'resource', resource: 'deployments' });
  });
  test('ctx, ns and quit', () => {
    assert.deepEqual(parseCommand('ctx'), { kind: 'contexts' });
    assert.deepEqual(parseCommand('ctx -'), { kind: 'context', name: '-' });
    assert.deepEqual(parseCommand('ns'), { kind: 'namespaces' });
    assert.deepEqual(parseCommand('ns team-a'), { kind: 'namespace', name: 'team-a' });
    assert.deepEqual(parseCommand('q'), { kind: 'quit' });
    assert.equal(parseCommand('po -n').kind, 'invalid');
  });
  test('completion and suggestion', () => {
    const src = { resources: ['deployments', 'deploy', 'daemonsets', 'pods'], contexts: ['kind-a', 'kind-b', 'prod'], namespaces: ['team-a'] };
    assert.equal(complete('depl', src), 'deploy');
    assert.equal(complete('deployme', src), 'deployments');
    assert.equal(complete('ctx pr', src), 'ctx prod');
    assert.equal(complete('ctx ki', src), 'ctx kind-');
    assert.equal(suggest('po', src), 'pods');
    assert.equal(complete('zzz', src), 'zzz');
  });
  test('history walks up and down', () => {
    let h = historyAdd(historyAdd({ entries: [], index: 0 }, 'pods'), 'deploy');
    let r = historyMove(h, -1);
    assert.equal(r.line, 'deploy');
    r = historyMove(r.history, -1);
    assert.equal(r.line, 'pods');
    r = historyMove(r.history, 1);
    assert.equal(r.line, 'deploy');
    r = historyMove(r.history, 1);
    assert.equal(r.line, '');
    h = historyAdd(h, 'pods');
    assert.deepEqual(h.entries, ['deploy', 'pods']);
  });
});

test('filter parsing: text, regex, invert, label selector', () => {
  assert.deepEqual(parseFilter('web'), { filter: { text: 'web', regex: false, invert: false } });
  assert.deepEqual(parseFilter('!web-.*'), { filter: { text: 'web-.*', regex: true, invert: true } });
  assert.deepEqual(parseFilter('-l app=web'), { labelSelector: 'app=web' });
  assert.deepEqual(parseFilter('(('), { filter: { text: '((', regex: false, invert: false } });
  assert.deepEqual(parseFilter(''), {});
});

test('cursor follows its uid, clamps when the row goes, scrolls minimally', () => {
  assert.equal(followCursor(7, 3, 10), 7);
  assert.equal(followCursor(-1, 12, 10), 9);
  assert.equal(moveCursor(0, 'up', 10, 5), 0);
  assert.equal(moveCursor(0, 'pageDown', 10, 5), 5);
  assert.equal(moveCursor(3, 'bottom', 10, 5), 9);
  assert.equal(scrollTop(9, 0, 5, 10), 5);
  assert.equal(scrollTop(6, 5, 5, 10), 5);
  assert.equal(scrollTop(2, 5, 5, 10), 2);
});

test('favourites are most recently used first, at most nine', () => {
  let f: string[] = [];
  for (const n of ['a', 'b', 'c', 'a']) f = rememberNamespace(f, n);
  assert.deepEqual(f, ['a', 'c', 'b']);
  for (let i = 0; i < 20; i++) f = rememberNamespace(f, `n${i}`);
  assert.equal(f.length, 9);
});

test('row health from the printed status', () => {
  assert.equal(rowHealth(row('a', { status: 'Running' }), POD_COLUMNS), 'ok');
  assert.equal(rowHealth(row('a', { status: 'CrashLoopBackOff' }), POD_COLUMNS), 'failing');
  assert.equal(rowHealth(row('a', { status: 'Pending' }), POD_COLUMNS), 'pending');
  assert.equal(rowHealth(row('a', { status: 'Completed' }), POD_COLUMNS), 'completed');
  assert.equal(rowHealth(row('a', { status: 'Running', ready: '0/1' }), POD_COLUMNS), 'pending');
  assert.equal(rowHealth({ ...row('a', { status: 'Running' }), deletionTimestamp: '2026-01-01T00:00:00Z' }, POD_COLUMNS), 'terminating');
});

describe('drill-down', () => {
  const selCols = [{ name: 'Name', type: 'string', format: 'name', description: '', priority: 0 }, { name: 'Selector', type: 'string', format: '', description: '', priority: 1 }];
  test('deployment → pods by selector; statefulset → pods by owner; node → field selector', () => {
    const dep = drillDown(ref('deployments', 'Deployment', 'apps'), { ...row('web'), namespace: 'team-a', cells: ['web', 'app=web'] }, selCols);
    assert.equal(dep.kind, 'push');
    assert.equal(dep.kind === 'push' && dep.view.labelSelector, 'app=web');
    assert.equal(dep.kind === 'push' && dep.view.namespace, 'team-a');
    const sts = drillDown(ref('statefulsets', 'StatefulSet', 'apps'), { ...row('db'), namespace: 'x', cells: ['db'] }, [selCols[0]]);
    assert.equal(sts.kind === 'push' && sts.view.ownerUid, 'uid-db');
    const node = drillDown(ref('nodes', 'Node', '', false), { ...row('n1'), cells: ['n1'] }, [selCols[0]]);
    assert.equal(node.kind === 'push' && node.view.fieldSelector, 'spec.nodeName=n1');
    assert.equal(node.kind === 'push' && node.view.namespace, undefined);
    const svc = drillDown(ref('services', 'Service'), { ...row('s'), cells: ['s', '<none>'] }, selCols);
    assert.equal(svc.kind, 'none');
    assert.equal(drillDown(ref('pods', 'Pod'), row('p'), POD_COLUMNS).kind, 'none');
  });
});

describe('app state', () => {
  const env = { catalogue: fakeCatalogue(), contexts: ['one', 'two'] };
  const start = () => initialState('one', 'default', resourceView('pods', 'default'), 'pods');
  test('a resource command opens a new root view in the current namespace; unknown flashes', () => {
    const out = runCommand(start(), 'deploy', env);
    assert.equal(out.kind, 'msgs');
    const s = out.kind === 'msgs' ? out.msgs.reduce(reduce, start()) : start();
    const t = top(s);
    assert.equal(t.kind === 'resource' && t.resource, 'deployments.apps');
    assert.equal(t.kind === 'resource' && t.namespace, 'default');
    const bad = runCommand(start(), 'nosuch', env);
    const s2 = bad.kind === 'msgs' ? bad.msgs.reduce(reduce, start()) : start();
    assert.match(s2.flash?.text ?? '', /unknown resource "nosuch"/);
  });
  test('push then back restores the view with its cursor; Esc clears a filter first', () => {
    let s = reduce(start(), { type: 'patchTop', patch: { cursorUid: 'u7', cursorIndex: 7 } });
    s = reduce(s, { type: 'push', view: resourceView('pods', 'x') });
    s = reduce(s, { type: 'patchTop', patch: { filterText: 'web' } });
    s = reduce(s, { type: 'back' });
    assert.equal(s.stack.length, 2);
    s = reduce(s, { type: 'back' });
    const t = top(s);
    assert.equal(s.stack.length, 1);
    assert.equal(t.cursorUid, 'u7');
  });
  test('ctx switching validates names and remembers the previous context', () => {
    assert.deepEqual(runCommand(start(), 'ctx two', env), { kind: 'switch', context: 'two' });
    const missing = runCommand(start(), 'ctx nope', env);
    assert.equal(missing.kind, 'msgs');
    let s = reduce(start(), { type: 'context', context: 'two', namespace: 'default', view: resourceView('pods', 'default') });
    assert.deepEqual(runCommand(s, 'ctx -', env), { kind: 'switch', context: 'one' });
    assert.equal(runCommand(s, 'q', env).kind, 'quit');
    s = reduce(s, { type: 'namespace', namespace: undefined });
    assert.equal(top(s).kind === 'resource' && (top(s) as { namespace?: string }).namespace, undefined);
  });
  test('sort toggles direction on the same column', () => {
    assert.deepEqual(toggleSort(undefined, 'Name'), { column: 'Name', descending: false });
    assert.deepEqual(toggleSort({ column: 'Name', descending: false }, 'Name'), { column: 'Name', descending: true });
    assert.deepEqual(toggleSort({ column: 'Name', descending: true }, 'Age'), { column: 'Age', descending: false });
  });
});

test('key registry: actions and generated help agree', () => {
  assert.equal(actionFor('j', key(), 'resource'), 'down');
  assert.equal(actionFor('', key({ downArrow: true }), 'resource'), 'down');
  assert.equal(actionFor('f', key({ ctrl: true }), 'resource'), 'pageDown');
  assert.equal(actionFor('N', key({ shift: true }), 'resource'), 'sortName');
  assert.equal(actionFor('', key({ leftArrow: true, shift: true }), 'resource'), 'pickLeft');
  assert.equal(actionFor('/', key(), 'contexts'), undefined);
  const help = helpFor('resource').map((h) => h.label);
  for (const b of BINDINGS) if (!b.action.startsWith('pick')) assert.ok(help.includes(b.label), b.label);
});

test('title shows resource, scope, count and filter', () => {
  assert.equal(tableTitle('pods', true, undefined, 1234, ''), 'pods(all)[1234]');
  assert.equal(tableTitle('pods', true, 'team-a', 12, '</web>'), 'pods(team-a)[12] </web>');
  assert.equal(tableTitle('nodes', false, 'x', 3, ''), 'nodes[3]');
});

test('a burst of characters is replayed as the keys Ink reports one by one', async () => {
  const { keyOfChar } = await import('../../src/ui-state/use-dashboard.js');
  assert.deepEqual(keyOfChar('\x1a', key()).slice(0, 1), ['z']);
  assert.equal(keyOfChar('\x1a', key())[1].ctrl, true);
  assert.equal(keyOfChar('\r', key())[1].return, true);
  assert.equal(keyOfChar('\t', key())[1].tab, true);
  assert.equal(keyOfChar('\x7f', key())[1].backspace, true);
  assert.equal(keyOfChar('N', key())[1].shift, true);
  assert.equal(keyOfChar('j', key())[1].ctrl, false);
});

test('a flip back to a context restores where it was left (namespace, views, cursor)', () => {
  let s = initialState('one', 'default', resourceView('pods', 'default'), 'pods');
  s = reduce(s, { type: 'namespace', namespace: undefined });
  s = reduce(s, { type: 'patchTop', patch: { cursorUid: 'u9', cursorIndex: 9 } });
  s = reduce(s, { type: 'context', context: 'two', namespace: 'team-a', view: resourceView('pods', 'team-a'), restore: true });
  assert.equal(s.namespace, 'team-a');
  s = reduce(s, { type: 'context', context: 'one', namespace: 'default', view: resourceView('pods', 'default'), restore: true });
  assert.equal(s.namespace, undefined);
  assert.equal(top(s).cursorUid, 'u9');
  assert.equal(s.previousContext, 'two');
});
