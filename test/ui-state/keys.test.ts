import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Key } from 'ink';
import { bindingFor, ch, helpFor, hintsFor, keysFor, type KeyContext } from '../../src/ui-state/keys.js';
import { VIEWS, contextsView, genericResourceView, podsView, workloadsView } from '../../src/ui-state/views/index.js';
import { resourceView, contextsView as contextsState } from '../../src/ui-state/views.js';
import type { ViewModule } from '../../src/ui-state/views/types.js';
import { key } from './helpers/fakes.js';

const onResource: KeyContext = { view: resourceView('pods', 'default'), readOnly: false };
const onContexts: KeyContext = { view: contextsState('one'), readOnly: false };
const actionOf = (m: ViewModule, c: KeyContext, input: string, k: Key = key()) => bindingFor(m, c, input, k)?.action;

test('key registry: actions and generated help agree', () => {
  assert.equal(actionOf(podsView, onResource, 'j'), 'down');
  assert.equal(actionOf(podsView, onResource, '', key({ downArrow: true })), 'down');
  assert.equal(actionOf(podsView, onResource, 'f', key({ ctrl: true })), 'pageDown');
  assert.equal(actionOf(podsView, onResource, 'N', key({ shift: true })), 'sortName');
  assert.equal(actionOf(podsView, onResource, '', key({ leftArrow: true, shift: true })), 'pickLeft');
  assert.equal(actionOf(contextsView, onContexts, '/'), undefined);
  const help = helpFor(genericResourceView, onResource).map((h) => h.label);
  for (const b of keysFor(genericResourceView, onResource)) assert.ok(help.includes(b.helpLabel ?? b.label), b.label);
  assert.ok(help.includes('Shift-←/→'));
});

test('no view has two bindings for one key, so none is unreachable', () => {
  const probes: [string, Key][] = [];
  for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:/?-[]!') probes.push([c, key({ shift: c !== c.toLowerCase() })]);
  for (const c of 'abcdefghijklmnopqrstuvwxyz') probes.push([c, key({ ctrl: true })]);
  for (const k of ['upArrow', 'downArrow', 'leftArrow', 'rightArrow', 'return', 'escape', 'pageUp', 'pageDown', 'home', 'end'] as const) {
    probes.push(['', key({ [k]: true })], ['', key({ [k]: true, shift: true })]);
  }
  for (const m of VIEWS) {
    const c = m.kind === 'contexts' ? onContexts : onResource;
    // a view's own keys may shadow shared ones on purpose; among its own, one key has one meaning
    const view = m.keys;
    for (const [input, k] of probes) {
      const hits = view.filter((b) => (!b.available || b.available(c)) && b.match(input, k));
      assert.ok(hits.length <= 1, `${m.id}: ${JSON.stringify(input)} is bound to ${hits.map((h) => h.action).join(' and ')}`);
    }
  }
});

test('one letter means different things per view, and available() hides a key from handling and help', () => {
  const shell = { action: 'shell', label: 's', help: 'shell', hint: 'shell', match: ch('s'), available: (c: KeyContext) => !c.readOnly };
  const scale = { action: 'scale', label: 's', help: 'scale', match: ch('s') };
  const pods = { ...podsView, keys: [shell, ...podsView.keys] };
  const deploys = { ...workloadsView, keys: [scale, ...workloadsView.keys] };
  assert.equal(actionOf(pods, onResource, 's'), 'shell');
  assert.equal(actionOf(deploys, onResource, 's'), 'scale');
  assert.match(hintsFor(pods, onResource), /<s>shell/);
  const readOnly = { ...onResource, readOnly: true };
  assert.equal(actionOf(pods, readOnly, 's'), undefined);
  assert.ok(!helpFor(pods, readOnly).some((h) => h.help === 'shell'));
  assert.doesNotMatch(hintsFor(pods, readOnly), /shell/);
});

test('the hint line keeps Enter, Esc and : first, help and quit last', () => {
  assert.equal(hintsFor(podsView, onResource), '<Enter>drill <Esc>back <:>cmd </>filter <0>all-ns <d>desc <?>help <Ctrl-C>quit');
  assert.equal(hintsFor(contextsView, onContexts), '<Enter>drill <Esc>back <:>cmd <?>help <Ctrl-C>quit');
});
