import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { initialState, reduce, runCommand, top } from '../../src/ui-state/app-state.js';
import { resourceView, toggleSort } from '../../src/ui-state/views.js';
import { fakeCatalogue } from './helpers/fakes.js';

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
