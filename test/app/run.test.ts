import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startNamespace } from '../../src/app/run.js';

test('the start namespace: -A, -n, the -c command, else the context (also for --demo, issue 17)', () => {
  const none = { allNamespaces: false };
  assert.equal(startNamespace(none, {}, 'default'), 'default'); // --demo: its context says default, not all
  assert.equal(startNamespace({ allNamespaces: true }, {}, 'default'), undefined);
  assert.equal(startNamespace({ allNamespaces: false, namespace: 'team-a' }, { namespace: 'x' }, 'default'), 'team-a');
  assert.equal(startNamespace(none, { namespace: 'kube-system' }, 'default'), 'kube-system');
  assert.equal(startNamespace(none, { namespace: '' }, 'default'), undefined);
});
