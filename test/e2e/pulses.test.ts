// :pulses in the real kdeck in tmux while the simulator churns (readiness flaps), and while pods and warning
// events are added over the API: the counts follow the informers live; Enter opens the table behind a line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { TmuxSession, requireTmux } from './helpers/tmux.js';
import { kdeckCommand } from './helpers/sim.js';

let sim: Simulator;
let dir: string;
let t: TmuxSession | undefined;

before(async () => {
  requireTmux();
  sim = await startSimulator({ pods: 40, namespaces: 2, churn: 20, seed: 9 });
  dir = mkdtempSync(join(tmpdir(), 'kdeck-pulses-'));
  sim.writeKubeconfig(join(dir, 'kubeconfig'));
});
after(async () => {
  const r = await t?.close();
  await sim.stop();
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  assert.ok(!r?.leftRunning);
});

const count = (screen: string, line: string, what: string) => Number(new RegExp(`${line}\\s.*?${what} (\\d+)`).exec(screen)?.[1] ?? NaN);

test(':pulses updates live while the simulator churns; Enter jumps to the table', async () => {
  t = new TmuxSession(150, 30);
  t.start({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, TERM: 'xterm-256color', KUBECONFIG: join(dir, 'kubeconfig'), XDG_CONFIG_HOME: join(dir, 'config'), XDG_STATE_HOME: join(dir, 'state') }, kdeckCommand('-n default'));
  await t.waitForText(/pods\(default\)/);
  t.type(':pu');
  t.keys('Enter');
  const first = await t.waitFor((s) => /PODS\s+running \d+/.test(s) && /NODES\s+ready \d+/.test(s) && /WARNINGS\s+\d+\/min/.test(s), 'pulses');
  assert.match(first, /pulses\(default\)/);
  assert.match(first, /DEPLOYMENTS\s+ready \d+\s+not ready \d+/);

  // Pods that cannot be scheduled (no controllers run them) and warning events, created over the API.
  const post = async (path: string, body: object) => {
    const res = await fetch(new URL(path, sim.clusters[0].url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 201, await res.text());
  };
  const total = (s: string) => ['running', 'pending', 'failing', 'completed', 'terminating'].reduce((a, w) => a + count(s, 'PODS', w), 0);
  const podsBefore = total(first);
  const warnBefore = Number(/(\d+) in the last 10 min/.exec(first)?.[1] ?? NaN);
  for (let i = 0; i < 3; i++) {
      await post('/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `pulse-${i}` }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
      const now = new Date().toISOString();
      await post('/api/v1/namespaces/default/events', { apiVersion: 'v1', kind: 'Event', metadata: { name: `pulse-${i}.warn` }, type: 'Warning', reason: 'FailedScheduling', message: 'no nodes', involvedObject: { kind: 'Pod', name: `pulse-${i}`, namespace: 'default' }, firstTimestamp: now, lastTimestamp: now, count: 1 });
  }
  // Churn flips readiness meanwhile, so compare the new pods and events, not a frozen screen.
  const after = await t.waitFor((s) => total(s) === podsBefore + 3 && Number(/(\d+) in the last 10 min/.exec(s)?.[1] ?? NaN) >= warnBefore + 3, 'three more pods and warnings');
  assert.match(after, /WARNINGS\s+\s*\d+\/min\s+\S/);

  // Enter on WARNINGS opens the events table filtered to warnings; Esc comes back to pulses.
  t.type('G');
  t.keys('Enter');
  const events = await t.waitFor((s) => /events\(default\)\[\d+\]/.test(s) && s.includes('FailedScheduling'), 'warning events');
  assert.ok(!/\sNormal\s/.test(events), 'only warnings');
  t.keys('Escape');
  await t.waitFor((s) => /\sNormal\s/.test(s), 'the filter cleared (Esc clears it first)');
  t.keys('Escape');
  await t.waitForText(/pulses\(default\)/);
  t.type('g');
  t.keys('Enter');
  await t.waitForText(/pods\(default\)\[\d+\]/);
  t.keys('C-c');
  await t.waitForText('E2E-PROMPT$');
});
