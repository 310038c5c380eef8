// pods/log as kubectl uses it: each `kubectl logs` flag against what the simulator's world says the container
// wrote (log-lines.ts), the API server's 400s and 422s, and --log-rate for chatty pods.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { logIntervalFor, logLines, type LogLine } from '../../src/simulator/log-lines.js';
import { rfc3339Nano } from '../../src/simulator/logs.js';
import { parseSimulateFlags } from '../../src/simulator/command.js';
import type { SimObject } from '../../src/simulator/types.js';
import { KubectlRunner, tempDir } from './kubectl-helpers.js';
import { call } from './http-helpers.js';

const RATE = 20; // lines per second per container: enough to see follow move within a second
const INTERVAL = logIntervalFor(RATE);

describe('kubectl logs against the simulator world', { concurrency: true }, () => {
  let sim: Simulator;
  let k: KubectlRunner;
  const store = () => sim.clusters[0].store;
  const pod = (ns: string, pred: (p: SimObject) => boolean) => {
    const p = store().list('pods', ns).find(pred);
    assert.ok(p, `a matching pod in ${ns}`);
    return p;
  };
  const statuses = (p: SimObject) => (p.status as { containerStatuses?: { name: string; state?: Record<string, unknown>; lastState?: Record<string, unknown> }[] }).containerStatuses ?? [];
  const running = (ns: string) => pod(ns, (p) => statuses(p).length === 1 && !!statuses(p)[0].state?.running && !statuses(p)[0].lastState?.terminated);
  const world = (p: SimObject, container: string, opts: { sinceMs?: number; previous?: boolean } = {}): LogLine[] =>
    logLines(store().get('pods', p.metadata.namespace, p.metadata.name)!, container, { untilMs: Date.now(), intervalMs: INTERVAL, ...opts });
  const stamped = (l: LogLine) => `${rfc3339Nano(l.ms)} ${l.text}`;
  const outLines = (s: string) => s.split('\n').filter((l) => l.length > 0);
  /** Where `lines` sit in `all` as one unbroken run (no line lost, none twice); -1 when they do not. */
  const runIndex = (all: string[], lines: string[]) => {
    const at = all.indexOf(lines[0]);
    if (at < 0) return -1;
    return lines.every((l, i) => all[at + i] === l) ? at : -1;
  };

  before(async () => {
    sim = await startSimulator({ controllers: false, pods: 60, seed: 7, logRate: RATE });
    const dir = tempDir('kdeck-logs-interop-');
    sim.writeKubeconfig(join(dir, 'kubeconfig'));
    k = new KubectlRunner(join(dir, 'kubeconfig'), dir);
  });
  after(async () => {
    k?.close();
    await sim?.stop();
  });

  test('--tail 5 --timestamps: the last five lines the container wrote, with their exact times', async () => {
    const p = running('payments');
    const t0 = Date.now();
    const r = await k.run(['logs', '-n', 'payments', p.metadata.name, '--tail', '5', '--timestamps']);
    assert.equal(r.code, 0, r.stderr);
    const got = outLines(r.stdout);
    assert.equal(got.length, 5);
    const all = world(p, statuses(p)[0].name, { sinceMs: t0 - 60_000 }).map(stamped);
    assert.ok(runIndex(all, got) >= 0, `five consecutive world lines:\n${got.join('\n')}`);
    const lastMs = Date.parse(got[4].slice(0, 30));
    assert.ok(lastMs >= t0 - 3 * INTERVAL - 1000, 'the newest line is recent');
  });

  test('--since-time: the first line is the first one written at or after that time', async () => {
    const p = running('search');
    const since = new Date(Math.floor(Date.now() / 1000) * 1000 - 3000);
    const r = await k.run(['logs', '-n', 'search', p.metadata.name, '--since-time', since.toISOString().replace('.000Z', 'Z'), '--timestamps']);
    assert.equal(r.code, 0, r.stderr);
    const got = outLines(r.stdout);
    const expected = world(p, statuses(p)[0].name, { sinceMs: since.getTime() }).map(stamped);
    assert.ok(got.length >= 3 * RATE - 5, `about 3 s of lines: ${got.length}`);
    assert.deepEqual(got, expected.slice(0, got.length));
  });

  test('--since 2s: only lines of the last two seconds, none missing', async () => {
    const p = running('shop');
    const t0 = Date.now();
    const r = await k.run(['logs', '-n', 'shop', p.metadata.name, '--since', '2s', '--timestamps']);
    const t1 = Date.now();
    assert.equal(r.code, 0, r.stderr);
    const got = outLines(r.stdout);
    const all = world(p, statuses(p)[0].name, { sinceMs: t0 - 10_000 });
    const at = runIndex(all.map(stamped), got);
    assert.ok(at > 0, 'an unbroken run of world lines');
    assert.ok(all[at].ms >= t0 - 2000, 'nothing older than 2 s');
    assert.ok(all[at - 1].ms < t1 - 2000, 'the line before is older than 2 s');
  });

  test('--limit-bytes 300: exactly the first 300 bytes, cut mid-line', async () => {
    const p = running('team-a');
    const since = new Date(Math.floor(Date.now() / 1000) * 1000 - 5000);
    const r = await k.run(['logs', '-n', 'team-a', p.metadata.name, '--since-time', since.toISOString().replace('.000Z', 'Z'), '--limit-bytes', '300']);
    assert.equal(r.code, 0, r.stderr);
    const full = world(p, statuses(p)[0].name, { sinceMs: since.getTime() }).map((l) => `${l.text}\n`).join('');
    assert.equal(Buffer.byteLength(r.stdout), 300);
    assert.equal(r.stdout, Buffer.from(full).subarray(0, 300).toString());
  });

  test('-c log-shipper: the named container of a two-container pod (and no container: kubectl picks the first)', async () => {
    const p = pod('team-a', (x) => (x.spec as { containers: unknown[] }).containers.length === 2);
    const r = await k.run(['logs', '-n', 'team-a', p.metadata.name, '-c', 'log-shipper', '--tail', '4', '--timestamps']);
    assert.equal(r.code, 0, r.stderr);
    const got = outLines(r.stdout);
    assert.equal(got.length, 4);
    assert.ok(runIndex(world(p, 'log-shipper', { sinceMs: Date.now() - 60_000 }).map(stamped), got) >= 0);
    const d = await k.run(['logs', '-n', 'team-a', p.metadata.name, '--tail', '1']);
    assert.equal(d.code, 0, d.stderr);
    assert.match(d.stderr, /Defaulted container "api" out of: api, log-shipper/);
  });

  test('--previous: the whole log of the last terminated run, ending in its failure', async () => {
    const p = pod('search', (x) => !!statuses(x)[0]?.lastState?.terminated);
    const r = await k.run(['logs', '-n', 'search', p.metadata.name, '--previous']);
    assert.equal(r.code, 0, r.stderr);
    const expected = world(p, 'web', { previous: true }).map((l) => l.text);
    assert.ok(expected.length > 0);
    assert.deepEqual(outLines(r.stdout), expected);
    const none = await k.run(['logs', '-n', 'payments', running('payments').metadata.name, '--previous']);
    assert.notEqual(none.code, 0);
    assert.match(none.stderr, /Error from server \(BadRequest\): previous terminated container "web" in pod ".+" not found/);
  });

  test('-f --timestamps: lines arrive as they are written, none lost or repeated; the stream ends when the container restarts', async () => {
    const p = running('analytics');
    const f = k.spawn(['logs', '-f', '-n', 'analytics', p.metadata.name, '--tail', '1', '--timestamps']);
    let out: string;
    try {
      out = await f.waitFor(new RegExp(`(.*\\n){${RATE}}`));
    } catch (err) {
      f.stop();
      throw err;
    }
    const got = outLines(out);
    const all = world(p, statuses(p)[0].name, { sinceMs: Date.now() - 60_000 }).map(stamped);
    assert.ok(runIndex(all, got) >= 0, `an unbroken run of ${got.length} world lines`);
    // A restart (new run of the container): kubectl's stream ends cleanly and kubectl exits 0.
    const cur = structuredClone(store().get('pods', 'analytics', p.metadata.name)!);
    const cs = statuses(cur)[0] as { restartCount?: number; state?: Record<string, unknown>; lastState?: Record<string, unknown> };
    const startedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    cs.lastState = { terminated: { exitCode: 137, reason: 'Error', startedAt: (cs.state!.running as { startedAt: string }).startedAt, finishedAt: startedAt } };
    cs.state = { running: { startedAt } };
    cs.restartCount = (cs.restartCount ?? 0) + 1;
    store().update('pods', cur);
    const code = await f.exited(20_000);
    assert.equal(code, 0);
  });

  test('the 400s: an unknown container (kubectl checks it itself, the server words it the same), a container waiting to start', async () => {
    const p = running('shop');
    const bad = await k.run(['logs', '-n', 'shop', p.metadata.name, '-c', 'nope']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, new RegExp(`error: container nope is not valid for pod ${p.metadata.name}`));
    const direct = await call(`${sim.clusters[0].url}/api/v1/namespaces/shop/pods/${p.metadata.name}/log?container=nope`);
    assert.equal(direct.status, 400);
    assert.equal(direct.json().message, `container nope is not valid for pod ${p.metadata.name}`);
    const pending = pod('shop', (x) => (x.status as { phase: string }).phase === 'Pending');
    const w = await k.run(['logs', '-n', 'shop', pending.metadata.name]);
    assert.notEqual(w.code, 0);
    assert.match(w.stderr, new RegExp(`Error from server \\(BadRequest\\): container "web" in pod "${pending.metadata.name}" is waiting to start: ContainerCreating`));
  });

  test('invalid options are one 422 Invalid naming each field, as ValidatePodLogOptions words them', async () => {
    const p = running('payments');
    const base = `${sim.clusters[0].url}/api/v1/namespaces/payments/pods/${p.metadata.name}/log`;
    const cases: [string, number, string][] = [
      ['tailLines=-1', 422, `PodLogOptions "${p.metadata.name}" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0`],
      ['limitBytes=0', 422, `PodLogOptions "${p.metadata.name}" is invalid: limitBytes: Invalid value: 0: must be greater than 0`],
      ['sinceSeconds=0', 422, `PodLogOptions "${p.metadata.name}" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0`],
      ['sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z', 422, `PodLogOptions "${p.metadata.name}" is invalid: Forbidden: at most one of \`sinceTime\` or \`sinceSeconds\` may be specified`],
      ['sinceTime=yesterday', 400, 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"'],
      ['tailLines=many', 400, 'invalid value for tailLines: "many": strconv.ParseInt: parsing "many": invalid syntax'],
    ];
    for (const [query, code, message] of cases) {
      const r = await call(`${base}?${query}`);
      assert.equal(r.status, code, query);
      const st = r.json();
      assert.equal(st.kind, 'Status');
      assert.equal(st.reason, code === 422 ? 'Invalid' : 'BadRequest');
      assert.equal(st.message, message);
    }
    const two = await call(`${sim.clusters[0].url}/api/v1/namespaces/team-a/pods/${pod('team-a', (x) => (x.spec as { containers: unknown[] }).containers.length === 2).metadata.name}/log`);
    assert.equal(two.status, 400);
    assert.match(two.json().message, /^a container name must be specified for pod .+, choose one of: \[api log-shipper\]$/);
  });
});

describe('--log-rate', () => {
  test('kdeck simulate --log-rate 5000 makes every container write 5,000 lines a second', async () => {
    const f = parseSimulateFlags(['--log-rate', '5000']);
    assert.notEqual(f, 'help');
    if (f === 'help') return;
    assert.equal(f.options.logRate, 5000);
    assert.throws(() => parseSimulateFlags(['--log-rate', 'lots']), /--log-rate must be a number/);
    assert.throws(() => parseSimulateFlags(['--log-rate', '1000000']), /--log-rate must be at most 100000/);
    const sim = await startSimulator({ controllers: false, pods: 10, seed: 3, logRate: f.options.logRate });
    try {
      const p = sim.clusters[0].store.list('pods', 'kube-system').find((x) => (x.status as { phase: string }).phase === 'Running')!;
      const r = await call(`${sim.clusters[0].url}/api/v1/namespaces/kube-system/pods/${p.metadata.name}/log?sinceSeconds=1&timestamps=true`);
      assert.equal(r.status, 200);
      const lines = r.text.trim().split('\n');
      assert.ok(lines.length > 4000 && lines.length <= 5000, `${lines.length} lines in the last second`);
      const times = lines.map((l) => l.slice(0, 30));
      assert.equal(new Set(times).size, times.length, 'every line has its own (microsecond) time');
    } finally {
      await sim.stop();
    }
  });
});
