// The stream keys: s (shell) and a (attach) on pods and on a pod's containers, offered where the capability layer
// allows pods/exec and pods/attach, hidden (but still forcible, for the server's 403) elsewhere; how an attach
// ends is one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bindingFor, helpFor, hintsFor, type KeyContext } from '../../../src/ui-state/keys.js';
import { podsView, servicesView } from '../../../src/ui-state/views/index.js';
import { containersModule } from '../../../src/ui-state/views/inspect.js';
import { attachBanner, attachEnd } from '../../../src/ui-state/views/streams.js';
import { inspectView, resourceView } from '../../../src/ui-state/views.js';
import type { ResourceRef } from '../../../src/api/catalogue.js';
import type { Action } from '../../../src/api/capabilities.js';
import { key } from '../helpers/fakes.js';

const pods: ResourceRef = {
  group: '', version: 'v1', resource: 'pods', kind: 'Pod', singular: 'pod', namespaced: true, shortNames: ['po'],
  verbs: ['get', 'list', 'watch', 'delete'], categories: [], subresources: ['log', 'exec', 'attach', 'portforward'],
};
const onPods = (can: (a: Action) => boolean, readOnly = false): KeyContext => ({ view: resourceView('pods', 'team-a'), ref: pods, readOnly, can });
const onContainers = (can: (a: Action) => boolean): KeyContext => ({ view: inspectView('containers', 'pods', 'team-a', 'web-1'), ref: pods, readOnly: false, can });

test('pods and containers: s is the shell, a the attach, where RBAC allows them', () => {
  for (const [m, c] of [[podsView, onPods(() => true)], [containersModule, onContainers(() => true)]] as const) {
    assert.equal(bindingFor(m, c, 's', key())?.action, 'stream:shell');
    assert.equal(bindingFor(m, c, 'a', key())?.action, 'stream:attach');
    assert.match(hintsFor(m, c), /<s>shell <a>attach/);
    assert.ok(helpFor(m, c).some((h) => h.label === 'a' && /Ctrl-P Ctrl-Q detaches/.test(h.help)));
  }
});

test('without pods/exec or pods/attach (or read-only) the keys are hidden but still reach the handler', () => {
  const noExec = onPods((a) => a !== 'exec');
  assert.doesNotMatch(hintsFor(podsView, noExec), /<s>shell/);
  assert.match(hintsFor(podsView, noExec), /<a>attach/);
  assert.equal(bindingFor(podsView, noExec, 's', key())?.action, 'stream:shell', 'forced: the server\'s 403 is shown');
  const noAttach = onContainers((a) => a !== 'attach');
  assert.doesNotMatch(hintsFor(containersModule, noAttach), /<a>attach/);
  assert.equal(bindingFor(containersModule, noAttach, 'a', key())?.action, 'stream:attach');
  const ro: KeyContext = { view: resourceView('pods', 'team-a'), ref: pods, readOnly: true };
  assert.doesNotMatch(hintsFor(podsView, ro), /shell|attach/);
});

test('an attach ends in one line: detached, the process exited, an error', () => {
  assert.deepEqual(attachEnd('team-a/t/t', { detached: true }), { text: 'detached from team-a/t/t; its main process keeps running', level: 'info' });
  assert.deepEqual(attachEnd('team-a/t/t', { exitCode: 0 }), { text: 'attach to team-a/t/t ended: the main process exited', level: 'info' });
  assert.equal(attachEnd('team-a/t/t', { error: 'boom' }).level, 'error');
  assert.match(attachBanner('ns/p/c', { container: 'c', stdin: true, tty: true }), /Ctrl-P Ctrl-Q detaches \(press Enter if you see no prompt\)$/);
  assert.match(attachBanner('ns/p/c', { container: 'c', stdin: false, tty: false }), /output only .*Ctrl-P Ctrl-Q or Ctrl-C detaches$/);
});

test('Shift-F: pods, services and a pod\'s containers, where RBAC allows pods/portforward; hidden in read-only mode', () => {
  for (const [m, c] of [[podsView, onPods(() => true)], [containersModule, onContainers(() => true)]] as const) {
    assert.equal(bindingFor(m, c, 'F', key())?.action, 'stream:forward');
    assert.match(hintsFor(m, c), /<Shift-F>port-forward/);
  }
  assert.ok(helpFor(containersModule, onContainers(() => true)).some((h) => h.label === 'Shift-F' && /this container's ports/.test(h.help)));
  const svc: ResourceRef = { ...pods, resource: 'services', kind: 'Service', singular: 'service', shortNames: ['svc'], subresources: ['status'] };
  const onSvc = (can: (a: Action) => boolean, readOnly = false): KeyContext => ({ view: resourceView('services', 'team-a'), ref: svc, readOnly, can });
  assert.match(hintsFor(servicesView, onSvc(() => true)), /<Shift-F>port-forward/);
  const noForward = (a: Action) => a !== 'port-forward';
  assert.doesNotMatch(hintsFor(servicesView, onSvc(noForward)), /port-forward/);
  assert.doesNotMatch(hintsFor(containersModule, onContainers(noForward)), /port-forward/);
  assert.equal(bindingFor(podsView, onPods(noForward), 'F', key())?.action, 'stream:forward', 'forced: the server\'s 403 is shown');
  assert.doesNotMatch(hintsFor(podsView, { view: resourceView('pods', 'team-a'), ref: pods, readOnly: true }), /port-forward/);
});
