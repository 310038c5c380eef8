// Sessions end with kdeck: a port-forward and a followed log stream are open when the user quits with :q; the
// process exits on its own (nothing keeps it alive) and the forward's local port is closed, not left listening.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { TmuxSession, filteredTo, requireTmux } from './helpers/tmux.js';
import { kdeckCommand, startWorld, type E2eWorld } from './helpers/sim.js';

let world: E2eWorld;
let t: TmuxSession | undefined;
before(async () => {
  requireTmux();
  world = await startWorld();
});
after(async () => {
  await t?.close();
  await world?.close();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => (c.destroy(), resolve(true)));
    c.once('error', () => resolve(false));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('quitting with a port-forward and a followed log open: kdeck exits by itself and the local port is closed', async () => {
  const web = world.sim.clusters[0].store.list('pods', 'team-a')
    .filter((p) => (p.status as { phase?: string }).phase === 'Running' && /^web-/.test(p.metadata.name))
    .map((p) => p.metadata.name).sort()[0];
  assert.ok(web, 'a running web pod in team-a');
  t = new TmuxSession(160, 40);
  t.start(world.env(), kdeckCommand('-n team-a'));
  await t.waitForText(/pods\(team-a\)\[\d+\]/);
  t.type(`/${web}`);
  t.keys('Enter');
  // The filter applied (its one row in the title, the prompt closed), not only the unfiltered table, where
  // {web} is listed too and the cursor also starts on row 0.
  await t.waitFor((s) => filteredTo(s, web), 'the table filtered to the web pod, under the cursor', { escapes: true });
  const pid = t.childPid();
  assert.ok(pid, 'kdeck runs in the pane');

  const port = await freePort();
  t.type('F');
  await t.waitForText(`Port-forward to pod team-a/${web}`);
  t.keys('Tab', 'Tab', 'BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace');
  t.type(String(port));
  t.keys('Enter');
  await t.waitForText(`forwarding 127.0.0.1:${port} → ${web}:80`);
  assert.equal(await listening(port), true, 'the forward listens');

  t.type('l');
  await t.waitFor((s) => s.includes(`logs pods/${web}`) && s.includes('following'), 'the pod\'s logs, following');

  t.type(':q');
  t.keys('Enter');
  await t.waitForText('E2E-PROMPT$', { timeoutMs: 20_000 });
  for (let i = 0; i < 100 && alive(pid!); i++) await delay(100);
  assert.equal(alive(pid!), false, 'kdeck exited');
  assert.equal(await listening(port), false, `nothing listens on 127.0.0.1:${port} after exit`);
});
