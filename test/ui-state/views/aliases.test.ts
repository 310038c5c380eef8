import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aliasRows } from '../../../src/ui-state/views/aliases.js';
import { panelCommand } from '../../../src/ui-state/views/panels.js';
import { fakeCatalogue } from '../helpers/fakes.js';

test('every resource with its short names and the user aliases that lead to it', () => {
  const c = fakeCatalogue();
  const rows = aliasRows(c.all(), (n) => c.resolve(n), { pp: 'pods', fred: 'po team-a app=blee', dp: 'deploy', broken: 'nosuchthing' });
  const pods = rows.find((r) => r.id === 'pods')!;
  assert.equal(pods.shortNames, 'po');
  assert.equal(pods.aliases, 'pp fred (po team-a app=blee)');
  assert.equal(rows.find((r) => r.id === 'deployments.apps')!.aliases, 'dp');
  assert.equal(rows.find((r) => r.id === 'deployments.apps')!.apiVersion, 'apps/v1');
  assert.ok(!rows.some((r) => r.aliases.includes('broken')));
  assert.deepEqual(rows.map((r) => r.resource), [...rows.map((r) => r.resource)].sort());
});

test(':pulses, :pu, :aliases, :a open kdeck\'s own screens', () => {
  assert.equal(panelCommand('pu'), 'pulses');
  assert.equal(panelCommand(' pulses '), 'pulses');
  assert.equal(panelCommand('a'), 'aliases');
  assert.equal(panelCommand('pods'), undefined);
  assert.equal(panelCommand('pu team-a'), undefined);
});
