import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { render } from 'ink-testing-library';
import { App } from '../../components/App.js';
import { tick, until } from './helpers/frames.js';
import { FakeBackend, row } from '../ui-state/helpers/fakes.js';
import type { InformerKey } from '../../src/ui-state/engine-types.js';
import { ApiStatusError } from '../../src/errors.js';

const CONTEXTS = [
  { name: 'one', cluster: 'c1', user: 'admin', namespace: 'default', current: true },
  { name: 'two', cluster: 'c2', user: 'admin', namespace: 'team-a', current: false },
  { name: 'down', cluster: 'c3', user: 'admin', current: false },
];

function pods(n: number, ns = 'default') {
  return Array.from({ length: n }, (_, i) => row(`pod-${String(i).padStart(3, '0')}`, { namespace: ns, status: i === 3 ? 'CrashLoopBackOff' : 'Running' }));
}

function backendWith(rowsFor?: (k: InformerKey) => ReturnType<ConstructorParameters<typeof FakeBackend>[1]>) {
  const b = new FakeBackend(CONTEXTS, rowsFor ?? ((k) => {
    if (k.resource.resource === 'pods') return { rows: k.labelSelector === 'app=web' ? pods(2, 'default') : pods(40, k.namespace ?? 'default') };
    if (k.resource.resource === 'deployments') {
      return { rows: [{ ...row('web'), cells: ['web', '2/2', 2, 2, '5m', 'app=web'] }], columns: [
        { name: 'Name', type: 'string', format: 'name', description: '', priority: 0 },
        { name: 'Ready', type: 'string', format: '', description: '', priority: 0 },
        { name: 'Up-to-date', type: 'integer', format: '', description: '', priority: 0 },
        { name: 'Available', type: 'integer', format: '', description: '', priority: 0 },
        { name: 'Age', type: 'string', format: '', description: '', priority: 0 },
        { name: 'Selector', type: 'string', format: '', description: '', priority: 1 },
      ] };
    }
    return { rows: [] };
  }));
  b.failing.add('down');
  return b;
}



const mounted: { unmount(): void }[] = [];
// A failed assertion skips a test's unmount; unmount everything so timers never keep the process alive.
after(() => {
  for (const m of mounted) m.unmount();
});

function mount(backend = backendWith(), extra: Partial<Parameters<typeof App>[0]> = {}) {
  let quit = false;
  const r = render(
    <App backend={backend} context="one" namespace="default" startResource="pods" version="0.1.0" width={100} height={24} noColor favourites={['default', 'team-a']} onQuit={() => { quit = true; }} {...extra} />,
  );
  mounted.push(r);
  return { ...r, backend, quitted: () => quit };
}

describe('dashboard (component)', () => {
  test('header, title with count, rows and hints', async () => {
    const r = mount();
    const f = await until(r.lastFrame, (f) => f.includes('pods(default)[40]'), 'title');
    assert.match(f, /ctx: one/);
    assert.match(f, /k8s: v1\.32\.0/);
    assert.match(f, /<1>default/);
    assert.match(f, /data: live/);
    assert.match(f, /pod-000/);
    assert.ok(!f.includes('pod-039'), 'only visible rows are rendered');
    assert.equal(f.split('\n').length, 24);
    r.unmount();
  });

  test('loading is never shown as "no resources"', async () => {
    const r = mount(backendWith(() => ({ rows: [], state: { phase: 'syncing', since: 0 } })));
    const f = await until(r.lastFrame, (f) => f.includes('loading'), 'loading');
    assert.ok(!/no pods/.test(f));
    r.unmount();
  });

  test('forbidden shows the denied verb, resource and namespace', async () => {
    const err = new ApiStatusError({ code: 403, reason: 'Forbidden', message: 'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"' });
    const r = mount(backendWith(() => ({ rows: [], state: { phase: 'forbidden', error: err } })));
    const f = await until(r.lastFrame, (f) => f.includes('cannot list resource "pods"'), 'forbidden');
    assert.match(f, /forbidden/);
    r.unmount();
  });

  test('unauthenticated says what to run; reconnecting keeps rows and says so', async () => {
    const { CredentialError } = await import('../../src/errors.js');
    const err = new CredentialError('admin', 'the token for user "admin" was rejected (401 Unauthorized)', 'run `aws sso login`, then flip back');
    const r = mount(backendWith(() => ({ rows: [], state: { phase: 'unauthenticated', error: err } })));
    const f = await until(r.lastFrame, (f) => f.includes('401'), 'unauthenticated');
    assert.match(f, /aws sso login/);
    r.unmount();
    const r2 = mount(backendWith(() => ({ rows: pods(3), state: { phase: 'reconnecting', attempt: 2, nextTryAt: 0, staleSince: 0 } })));
    const f2 = await until(r2.lastFrame, (f) => f.includes('pod-002'), 'stale rows');
    assert.match(f2, /data: reconnecting \(attempt 2\)/);
    r2.unmount();
    // Issue 17: a reconnect counts down to its next try.
    const r3 = mount(backendWith(() => ({ rows: pods(3), state: { phase: 'reconnecting', attempt: 3, nextTryAt: Date.now() + 8000, staleSince: 0 } })));
    const first = await until(r3.lastFrame, (f) => /data: reconnecting \(attempt 3\) next try in [78]s/.test(f), 'the countdown');
    const n = Number(/next try in (\d)s/.exec(first)![1]);
    await until(r3.lastFrame, (f) => f.includes(`next try in ${n - 1}s`), 'the countdown ticking');
    r3.unmount();
  });

  test('moving, filter, sort indicator and Esc', async () => {
    const r = mount();
    await until(r.lastFrame, (f) => f.includes('pods(default)[40]'), 'table');
    r.stdin.write('G');
    await until(r.lastFrame, (f) => f.includes('pod-039'), 'bottom row');
    r.stdin.write('g');
    await until(r.lastFrame, (f) => f.includes('pod-000'), 'top row');
    r.stdin.write('/');
    await tick();
    for (const c of '01') r.stdin.write(c);
    const f = await until(r.lastFrame, (f) => f.includes('</01>'), 'filter in title');
    assert.match(f, /pods\(default\)\[\d+\] <\/01>/);
    r.stdin.write('\r');
    await tick();
    r.stdin.write('N');
    await until(r.lastFrame, (f) => f.includes('NAME↑'), 'sort indicator');
    r.stdin.write('N');
    await until(r.lastFrame, (f) => f.includes('NAME↓'), 'reversed');
    r.stdin.write('\u001B');
    await until(r.lastFrame, (f) => f.includes('pods(default)[40]'), 'filter cleared');
    r.unmount();
  });

  test('command mode with completion, unknown resource flash, drill-down and back', async () => {
    const r = mount();
    await until(r.lastFrame, (f) => f.includes('pods(default)[40]'), 'table');
    r.stdin.write(':');
    await tick();
    r.stdin.write('depl');
    await tick();
    r.stdin.write('\t');
    await until(r.lastFrame, (f) => /:deploy/.test(f), 'completion');
    r.stdin.write('\r');
    await until(r.lastFrame, (f) => f.includes('deployments(default)[1]'), 'deployments');
    r.stdin.write('\r');
    const f = await until(r.lastFrame, (f) => f.includes('pods(default)[2]'), 'drilled pods');
    assert.match(f, /<deploy\/web>/);
    r.stdin.write('\u001B');
    await until(r.lastFrame, (f) => f.includes('deployments(default)[1]'), 'back');
    r.stdin.write(':');
    await tick();
    r.stdin.write('nosuch\r');
    await until(r.lastFrame, (f) => f.includes('unknown resource "nosuch"'), 'flash');
    // `-` toggles between the last two views; `[` and `]` walk the command history.
    r.stdin.write('-');
    await until(r.lastFrame, (f) => f.includes('pods(default)[40]'), 'last view (pods)');
    r.stdin.write('-');
    await until(r.lastFrame, (f) => f.includes('deployments(default)[1]'), 'toggled back');
    r.stdin.write('[');
    await until(r.lastFrame, (f) => f.includes('pods(default)[40]'), 'history back');
    r.stdin.write(']');
    await until(r.lastFrame, (f) => f.includes('deployments(default)[1]'), 'history forward');
    r.unmount();
  });

  test('namespace keys and contexts: flip, unreachable, flip back', async () => {
    const r = mount();
    await until(r.lastFrame, (f) => f.includes('pods(default)[40]'), 'table');
    r.stdin.write('0');
    await until(r.lastFrame, (f) => f.includes('pods(all)[40]') && f.includes('NAMESPACE'), 'all namespaces');
    r.stdin.write('2');
    await until(r.lastFrame, (f) => f.includes('pods(team-a)[40]'), 'favourite 2');
    r.stdin.write(':');
    await tick();
    r.stdin.write('ctx\r');
    const list = await until(r.lastFrame, (f) => f.includes('contexts[3]'), 'context list');
    assert.match(list, /one \(\*\)/);
    r.stdin.write(':');
    await tick();
    r.stdin.write('ctx down\r');
    const down = await until(r.lastFrame, (f) => f.includes('connection refused'), 'unreachable');
    assert.match(down, /ctx -/);
    r.stdin.write(':');
    await tick();
    r.stdin.write('ctx -\r');
    // Back where it was left: favourite 2 (team-a) in context one.
    await until(r.lastFrame, (f) => f.includes('ctx: one') && f.includes('pods(team-a)[40]'), 'flip back');
    assert.ok(r.backend.acquired.some((k) => k.context === 'one' && k.namespace === 'team-a'));
    r.unmount();
  });

  test('/-l SELECTOR becomes a server-side label selector; Ctrl-Z and Ctrl-W', async () => {
    const r = mount();
    await until(r.lastFrame, (f) => f.includes('pods(default)[40]'), 'table');
    r.stdin.write('/');
    await tick();
    r.stdin.write('-l app=web');
    await tick();
    r.stdin.write('\r');
    await until(r.lastFrame, (f) => f.includes('pods(default)[2] <-l app=web>'), 'label-selected pods');
    assert.ok(r.backend.acquired.some((k) => k.labelSelector === 'app=web'));
    r.stdin.write('\u001B');
    await until(r.lastFrame, (f) => f.includes('pods(default)[40]'), 'selector cleared');
    r.stdin.write('\x1a');
    const faults = await until(r.lastFrame, (f) => f.includes('<faults>'), 'faults only');
    assert.match(faults, /pods\(default\)\[1\] <faults>/);
    r.stdin.write('\x17');
    await until(r.lastFrame, (f) => f.includes(' IP ') || /\bNODE\b/.test(f), 'wide columns');
    r.unmount();
  });

  test('help is generated from the key registry; :q quits', async () => {
    const r = mount();
    await until(r.lastFrame, (f) => f.includes('pods(default)'), 'table');
    r.stdin.write('?');
    const f = await until(r.lastFrame, (f) => f.includes('help:'), 'help');
    assert.match(f, /Shift-N/);
    assert.match(f, /Ctrl-Z/);
    r.stdin.write('?');
    await tick();
    r.stdin.write(':');
    await tick();
    r.stdin.write('q\r');
    await tick(50);
    assert.ok(r.quitted());
    r.unmount();
  });
});
