import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommand, complete, suggest, historyAdd, historyMove } from '../../src/ui-state/command.js';

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

test('namespaces are checked as DNS-1123 labels and -l takes a selector (issue 17)', () => {
  assert.equal(parseCommand('ns nosuch').kind, 'namespace'); // well-formed; whether it exists is the server's to say
  assert.match((parseCommand('ns Bad_NS') as { message: string }).message, /"Bad_NS" is not a valid namespace name/);
  assert.equal(parseCommand('po Bad_NS').kind, 'invalid');
  assert.equal(parseCommand('po -n Bad_NS').kind, 'invalid');
  assert.deepEqual(parseCommand('svc -l app=web'), { kind: 'resource', resource: 'svc', labelSelector: 'app=web' });
  assert.deepEqual(parseCommand('svc -lapp=web team-a'), { kind: 'resource', resource: 'svc', labelSelector: 'app=web', namespace: 'team-a' });
  assert.deepEqual(parseCommand('po --selector tier=db'), { kind: 'resource', resource: 'po', labelSelector: 'tier=db' });
  assert.equal(parseCommand('ns all').kind, 'namespace');
});
