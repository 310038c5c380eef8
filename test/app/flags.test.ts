// The dashboard's flags: kubectl's spellings, values after a space or "=", repeatable --as-group, and a usage error
// (never a guess) for anything else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDashboardFlags } from '../../src/app/flags.js';
import { KdeckError } from '../../src/errors.js';

test('every flag in its spellings', () => {
  const f = parseDashboardFlags(['-n', 'team-a', '--context=prod', '--cluster', 'c', '--user', 'u', '--kubeconfig', '/k', '--request-timeout', '5s', '--as', 'me', '--as-group', 'g1', '--as-group=g2', '--readonly', '--demo', '-c', 'deploy']);
  assert.deepEqual(f, {
    allNamespaces: false, namespace: 'team-a', context: 'prod', cluster: 'c', user: 'u', kubeconfig: '/k', requestTimeout: '5s',
    as: 'me', asGroup: ['g1', 'g2'], readonly: true, demo: true, version: false, help: false, command: 'deploy',
  });
  assert.equal(parseDashboardFlags(['-A']).allNamespaces, true);
  assert.equal(parseDashboardFlags(['--all-namespaces']).allNamespaces, true);
  assert.equal(parseDashboardFlags(['-h']).help, true);
  assert.equal(parseDashboardFlags(['--version']).version, true);
  assert.equal(parseDashboardFlags(['--readonly=false']).readonly, false);
  assert.equal(parseDashboardFlags(['--namespace=x', '-n', 'y']).namespace, 'y', 'the last one wins');
  assert.deepEqual(parseDashboardFlags(['-A', '--', 'ignored']).allNamespaces, true);
});

test('usage errors name the problem', () => {
  const err = (argv: string[]) => {
    try {
      parseDashboardFlags(argv);
    } catch (e) {
      assert.ok(e instanceof KdeckError);
      return e.message;
    }
    assert.fail(`accepted ${argv.join(' ')}`);
  };
  assert.equal(err(['pods']), 'unexpected argument "pods"');
  assert.equal(err(['--bogus']), 'unknown flag --bogus');
  assert.equal(err(['-An']), 'unknown flag -An');
  assert.equal(err(['-n']), '-n needs a value');
  assert.equal(err(['--context', '-A']), '--context needs a value');
  assert.equal(err(['--demo=yes']), '--demo takes no value (or true/false), not "yes"');
  assert.equal(err(['-A', '-n', 'x']), '-A and -n cannot be used together');
  assert.match(err(['-n', 'Bad_NS']), /^-n /);
});
