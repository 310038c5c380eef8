// The real kdeck in tmux, key by key through describe, YAML, events, containers and logs, against the TLS
// simulator (each test its own tmux server and kdeck process).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TmuxSession, requireTmux } from './helpers/tmux.js';
import { kdeckCommand, startWorld, type E2eWorld } from './helpers/sim.js';

describe('inspect keys in tmux', { concurrency: 2 }, () => {
  let world: E2eWorld;
  const sessions: TmuxSession[] = [];
  const session = () => {
    const s = new TmuxSession(160, 45);
    sessions.push(s);
    return s;
  };
  before(async () => {
    requireTmux();
    world = await startWorld();
  });
  after(async () => {
    await Promise.all(sessions.map((s) => s.close()));
    await world?.close();
  });

  /** Starts kdeck on team-a's pods with the cursor on `name`. */
  async function onPod(t: TmuxSession, name: string, extra = ''): Promise<void> {
    t.start(world.env(), kdeckCommand(`-n team-a ${extra}`));
    await t.waitForText(/pods\(team-a\)\[\d+\]/);
    t.type('/');
    t.type(name);
    t.keys('Enter');
    await t.waitFor((s) => /pods\(team-a\)\[1\]/.test(s) && s.includes(name), `the pod ${name} alone`);
  }
  const pods = () => world.sim.clusters[0].store.list('pods', 'team-a');

  test('d describe (G to its events, e the events view), y YAML (m, / n, c), Esc back', async () => {
    const t = session();
    const worker = pods().find((p) => p.metadata.name.startsWith('worker-') && (p.status as { phase: string }).phase === 'Running')!;
    await onPod(t, worker.metadata.name);
    t.type('d');
    await t.waitFor((s) => s.includes(`describe pods/${worker.metadata.name}`) && /Controlled By:\s+ReplicaSet\/worker-/.test(s), 'describe');
    t.type('G');
    await t.waitFor((s) => /Events:/.test(s) && /Warning\s+BackOff/.test(s), 'the events at the bottom of describe');
    t.type('e');
    await t.waitFor((s) => /events\(team-a\)/.test(s) && s.includes('BackOff') && s.includes(`involvedObject.name=${worker.metadata.name}`), 'the events view of the pod');
    t.keys('Escape');
    await t.waitForText(`describe pods/${worker.metadata.name}`);
    t.type('y');
    await t.waitFor((s) => s.includes(`yaml pods/${worker.metadata.name}`) && s.includes('apiVersion: v1') && s.includes('live · resourceVersion'), 'yaml');
    t.type('m');
    await t.waitForText('<managedFields>');
    t.type('/');
    t.type('restartPolicy');
    t.keys('Enter');
    await t.waitFor((s) => /match\(es\), n\/N/.test(s), 'the search count');
    t.type('n');
    await t.waitFor((s) => (s.split('\n').find((l) => l.includes('restartPolicy')) ?? '') !== '', 'the match on screen');
    t.type('c');
    await t.waitForText(/copied \d+ lines of YAML to the clipboard/);
    t.keys('Escape');
    await t.waitFor((s) => s.includes(`describe pods/${worker.metadata.name}`), 'Esc: back to describe');
  });

  test('l logs: f t w 0 1 2 a / Ctrl-S c p, each answered on screen', async () => {
    const t = session();
    const web = pods().find((p) => p.metadata.name.startsWith('web-'))!;
    await onPod(t, web.metadata.name);
    t.type('l');
    await t.waitFor((s) => s.includes(`logs pods/${web.metadata.name}`) && s.includes('following') && s.includes('HTTP/1.1'), 'logs, following');
    t.type('t');
    await t.waitFor((s) => /\n20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /.test(s), 'timestamps');
    t.type('w');
    await t.waitForText(/following .* · wrap/);
    t.type('f');
    await t.waitForText('paused (f follows)');
    t.type('0');
    await t.waitFor((s) => /following · \d+ lines · tail/.test(s), 'tail, following again');
    t.type('1');
    await t.waitFor((s) => / · head/.test(s), 'head');
    t.type('2');
    await t.waitFor((s) => / · since 1m/.test(s), 'since 1m');
    t.type('/');
    t.type('!GET');
    t.keys('Enter');
    await t.waitFor((s) => /filter !GET/.test(s), 'filter');
    t.keys('C-s');
    const saved = await t.waitForText(/saved \d+ lines to \S+\.log/);
    const file = /saved \d+ lines to (\S+\.log)/.exec(saved)![1];
    const dir = join(world.dir, 'state', 'kdeck', 'logs');
    assert.ok(existsSync(dir) && readdirSync(dir).length === 1, `a file under ${dir} (${file})`);
    const text = readFileSync(join(dir, readdirSync(dir)[0]), 'utf8');
    assert.ok(text.length > 0 && !/"GET /.test(text), 'the saved lines are the filtered ones');
    t.type('c');
    await t.waitFor((s) => /(following|paused)[^\n]* · [0-4] (of \d+ )?lines/.test(s), 'cleared');
    t.type('a');
    await t.waitFor((s) => s.includes('(all containers)'), 'all containers');
    t.type('p');
    await t.waitFor((s) => s.includes('previous logs') && /previous terminated container "web" in pod/.test(s), 'previous: the server says there is none');
  });

  test('Enter on a pod: containers; l on a container: its logs; l on a deployment: every pod, prefixed', async () => {
    const t = session();
    const api = pods().find((p) => (p.spec as { containers: unknown[] }).containers.length === 2)!;
    await onPod(t, api.metadata.name);
    t.keys('Enter');
    await t.waitFor((s) => s.includes(`containers po/${api.metadata.name}`) && /log-shipper\s+fluent\/fluent-bit/.test(s), 'containers');
    t.type('j');
    t.type('l');
    await t.waitFor((s) => s.includes('(log-shipper)') && s.includes('following'), 'the container\'s logs');
    t.keys('Escape');
    await t.waitForText(`containers po/${api.metadata.name}`);
    t.type(':deploy');
    t.keys('Enter');
    await t.waitForText(/deployments\(team-a\)/);
    t.type('/');
    t.type('web');
    t.keys('Enter');
    await t.waitFor((s) => /deployments\(team-a\)\[1\]/.test(s), 'the web deployment');
    t.type('l');
    await t.waitFor((s) => /logs deployments\/web/.test(s) && /\d+ containers/.test(s) && /\nweb-\S+\/web /.test(s), 'merged logs with pod/container prefixes');
  });

  test(':ev: events, most recent first, warnings among them', async () => {
    const t = session();
    t.start(world.env(), kdeckCommand('-n team-a'));
    await t.waitForText(/pods\(team-a\)/);
    t.type(':ev');
    t.keys('Enter');
    const s = await t.waitFor((x) => /events\(team-a\)\[\d+\]/.test(x) && x.includes('LAST SEEN↑'), 'events sorted by last seen');
    assert.match(s, /Warning\s+BackOff/);
  });
});
