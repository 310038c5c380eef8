import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RES, seedCluster } from '../../../src/simulator/objects/index.js';
import { logLines, worldLogSource } from '../../../src/simulator/log-lines.js';
import { hasMetrics, nodeMetrics, nodeMetricsList, parseQuantity, podMetrics } from '../../../src/simulator/metrics.js';
import { printRow } from '../../../src/simulator/printers/index.js';
import { MemoryStore } from '../../../src/simulator/store.js';
import type { SimObject } from '../../../src/simulator/types.js';

const NOW = Date.parse('2026-11-23T04:00:00Z');
const store = new MemoryStore();
seedCluster(store, { name: 'lm', pods: 300, namespaces: 4, seed: 3 }, { now: NOW });
const pods = store.list(RES.pods);
const status = (p: SimObject) => printRow(RES.pods, p, { now: NOW }).cells[2];
const firstContainer = (p: SimObject) => (p.spec as { containers: { name: string }[] }).containers[0].name;
const running = pods.find((p) => p.metadata.labels?.app === 'web' && status(p) === 'Running')!;

describe('container logs', () => {
  test('a running container logs about every 1.5 s, deterministic and in order', () => {
    const lines = logLines(running, 'web', { sinceMs: NOW - 60_000, untilMs: NOW });
    assert.ok(lines.length >= 35 && lines.length <= 45, `${lines.length} lines in a minute`);
    for (let i = 1; i < lines.length; i++) assert.ok(lines[i].time > lines[i - 1].time);
    assert.ok(lines.every((l) => l.time.getTime() >= NOW - 60_000 && l.time.getTime() <= NOW));
    assert.deepEqual(logLines(running, 'web', { sinceMs: NOW - 60_000, untilMs: NOW }), lines);
    assert.match(lines[0].text, /^10\.244\.\d+\.\d+ - - \[\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "(GET|POST|PUT|DELETE) \/\S* HTTP\/1\.1" \d{3} \d+ "-" ".+" "-"$/);
  });

  test('windows compose: two adjacent windows give the lines of their union (what follow relies on)', () => {
    const a = logLines(running, 'web', { sinceMs: NOW - 30_000, untilMs: NOW - 10_001 });
    const b = logLines(running, 'web', { sinceMs: NOW - 10_000, untilMs: NOW });
    assert.deepEqual([...a, ...b], logLines(running, 'web', { sinceMs: NOW - 30_000, untilMs: NOW }));
  });

  test('logs are bounded and keep the newest lines', () => {
    const old = pods.filter((p) => status(p) === 'Running').sort((x, y) => x.metadata.creationTimestamp!.localeCompare(y.metadata.creationTimestamp!))[0];
    const all = logLines(old, firstContainer(old), { untilMs: NOW });
    assert.equal(all.length, 10_000);
    assert.ok(NOW - all[all.length - 1].time.getTime() < 3000);
    assert.equal(logLines(old, firstContainer(old), { untilMs: NOW, maxLines: 5 }).length, 5);
  });

  test('containers that never ran have no log; a crash loop has a previous log ending in its failure', () => {
    const creating = pods.find((p) => status(p) === 'ContainerCreating' || status(p) === 'ImagePullBackOff')!;
    assert.deepEqual(logLines(creating, firstContainer(creating), { untilMs: NOW }), []);
    assert.deepEqual(logLines(running, 'web', { untilMs: NOW, previous: true }), []);
    const crash = pods.find((p) => status(p) === 'CrashLoopBackOff')!;
    assert.deepEqual(logLines(crash, firstContainer(crash), { untilMs: NOW }), []);
    const previous = logLines(crash, firstContainer(crash), { untilMs: NOW, previous: true });
    assert.ok(previous.length > 3, `${previous.length} previous lines`);
    assert.match(previous[previous.length - 1].text, /fatal|ERROR|FATAL/);
  });

  test('JSON app logs for API containers; the LogSource adapter gives epoch times', () => {
    const api = pods.find((p) => p.metadata.labels?.app === 'api' && status(p) === 'Running')!;
    const lines = logLines(api, 'api', { sinceMs: NOW - 20_000, untilMs: NOW });
    for (const l of lines) assert.doesNotThrow(() => JSON.parse(l.text), l.text);
    const source = worldLogSource();
    const viaSource = source.lines(api, 'api', false, NOW - 20_000, NOW);
    assert.deepEqual(viaSource, lines.map((l) => ({ time: l.ms, text: l.text })));
    assert.equal(source.intervalMs, 1500);
  });
});

describe('metrics', () => {
  test('PodMetrics has the metrics-server shape and canonical quantities', () => {
    const want = JSON.parse(readFileSync('/work/shared/fixtures/metrics/podmetrics-list.json', 'utf8')).items[0];
    const m = podMetrics(running, NOW) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.equal(m.kind, 'PodMetrics');
    assert.equal(m.apiVersion, 'metrics.k8s.io/v1beta1');
    assert.deepEqual(Object.keys(m).filter((k) => k !== 'kind' && k !== 'apiVersion').sort(), Object.keys(want).sort());
    assert.deepEqual(Object.keys(m.metadata).sort(), Object.keys(want.metadata).sort());
    assert.equal(m.metadata.name, running.metadata.name);
    assert.deepEqual(m.containers.map((c: { name: string }) => c.name), ['web']);
    assert.match(m.containers[0].usage.cpu, /^\d+n$/);
    assert.match(m.containers[0].usage.memory, /^\d+Ki$/);
    assert.match(m.window, /^\d+\.\d+s$/);
    assert.deepEqual(podMetrics(running, NOW), m);
  });

  test('usage is deterministic, below the limits, and varies slowly', () => {
    for (const pod of pods.filter(hasMetrics).slice(0, 50)) {
      const c = (pod.spec as { containers: { name: string; resources?: { limits?: { cpu?: string; memory?: string } } }[] }).containers[0];
      const at = (t: number) => (podMetrics(pod, t).containers as { name: string; usage: { cpu: string; memory: string } }[]).find((x) => x.name === c.name);
      const now = at(NOW);
      if (!now) continue;
      const cpu = parseQuantity(now.usage.cpu);
      const later = parseQuantity(at(NOW + 15_000)!.usage.cpu);
      assert.ok(Math.abs(later - cpu) <= cpu * 0.5 + 1e-4, `${cpu} → ${later}`);
      if (c.resources?.limits?.cpu) assert.ok(cpu <= parseQuantity(c.resources.limits.cpu), `${pod.metadata.name} cpu ${cpu}`);
      if (c.resources?.limits?.memory) assert.ok(parseQuantity(now.usage.memory) <= parseQuantity(c.resources.limits.memory));
    }
    const series = Array.from({ length: 40 }, (_, i) => parseQuantity((podMetrics(running, NOW + i * 30_000).containers as { usage: { cpu: string } }[])[0].usage.cpu));
    assert.ok(new Set(series).size > 10, 'usage changes over 20 minutes');
  });

  test('pods that are not running have no metrics', () => {
    const pending = pods.find((p) => status(p) === 'Pending')!;
    assert.equal(hasMetrics(pending), false);
    assert.deepEqual(podMetrics(pending, NOW).containers, []);
  });

  test('NodeMetrics: system share plus the usage of the pods on the node, within allocatable', () => {
    const nodes = store.list(RES.nodes);
    const list = nodeMetricsList(nodes, pods, NOW);
    assert.equal(list.length, nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      assert.deepEqual(list[i], nodeMetrics(nodes[i], pods, NOW));
      const usage = list[i].usage as { cpu: string; memory: string };
      const alloc = (nodes[i].status as { allocatable: { cpu: string; memory: string } }).allocatable;
      const cpu = parseQuantity(usage.cpu);
      assert.ok(cpu > 0 && cpu <= parseQuantity(alloc.cpu));
      assert.ok(parseQuantity(usage.memory) <= parseQuantity(alloc.memory));
      const podsCpu = pods
        .filter((p) => (p.spec as { nodeName?: string }).nodeName === nodes[i].metadata.name && hasMetrics(p))
        .flatMap((p) => podMetrics(p, NOW).containers as { usage: { cpu: string } }[])
        .reduce((a, c) => a + parseQuantity(c.usage.cpu), 0);
      assert.ok(cpu >= Math.min(podsCpu, parseQuantity(alloc.cpu)) * 0.999, `node ${cpu} < pods ${podsCpu}`);
    }
  });

  test('quantities parse in every suffix', () => {
    const cases: [string, number][] = [['100m', 0.1], ['2', 2], ['2417683n', 0.002417683], ['5u', 5e-6], ['128Mi', 128 * 1024 ** 2], ['12984Ki', 12984 * 1024], ['1Gi', 1024 ** 3], ['1k', 1000], ['1e3', 1000], ['1.5G', 1.5e9]];
    for (const [q, v] of cases) assert.ok(Math.abs(parseQuantity(q) - v) < 1e-12 * Math.max(1, v), q);
  });
});
