// One-shot requests against the simulator over real HTTPS: whether a namespace exists, as the dashboard asks
// before it switches (issue 17: a namespace that does not exist is refused where the server can say so).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { namespaceExists } from '../../src/api/requests.js';
import { startWorld, type World } from '../actions/helpers/twin-worlds.js';

let world: World;
before(async () => {
  world = await startWorld();
});
after(() => world?.close());

test('namespaceExists: true for a namespace, false on the server\'s 404', async () => {
  const admin = world.client();
  assert.equal(await namespaceExists(admin, 'team-a'), true);
  assert.equal(await namespaceExists(admin, 'nosuch'), false);
});

test('namespaceExists: undefined when the user may not get namespaces (the caller goes ahead)', async () => {
  const jane = world.client('kdeck-sim-restricted');
  assert.equal(await namespaceExists(jane, 'team-a'), undefined);
  assert.equal(await namespaceExists(jane, 'nosuch'), undefined);
});
