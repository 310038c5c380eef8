// kdeck's attach client against the simulator over TLS: the container's stdin and tty decide the attach, the main
// process is shared by every attach (detaching leaves it running), its exit ends them all; output only without stdin.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { loadConnection } from '../../src/kubeconfig/index.js';
import { createClient } from '../../src/transport/client.js';
import type { KubeClient } from '../../src/transport/types.js';
import { attachPlan, openAttach, type OpenAttach } from '../../src/streams/attach.js';
import { tempDir } from '../simulator/kubectl-helpers.js';

function output(a: OpenAttach): { text(): string; until(re: RegExp): Promise<string> } {
  let text = Buffer.concat(a.early).toString();
  const waiters: { re: RegExp; resolve(s: string): void }[] = [];
  const add = (b: Buffer) => {
    text += b.toString();
    for (const w of [...waiters]) if (w.re.test(text)) waiters.splice(waiters.indexOf(w), 1) && w.resolve(text);
  };
  a.taken = true;
  a.session.onStdout(add);
  a.session.onStderr(add);
  return {
    text: () => text,
    until: (re) => (re.test(text) ? Promise.resolve(text) : new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${re} in the output: ${JSON.stringify(text)}`)), 30_000);
      waiters.push({ re, resolve: (s) => (clearTimeout(timer), resolve(s)) });
    })),
  };
}

describe('attach client', () => {
  let sim: Simulator;
  let client: KubeClient & { close(): Promise<void> };

  before(async () => {
    sim = await startSimulator({ tls: true, kubernetesMinor: 33, controllers: false, pods: 80, seed: 7 });
    const dir = tempDir('kdeck-attach-client-');
    sim.writeKubeconfig(join(dir, 'config'));
    client = createClient(loadConnection({ kubeconfig: join(dir, 'config') }, { env: {}, homeDir: dir, cwd: dir }));
  });
  after(async () => {
    await client?.close();
    await sim?.stop();
  });

  test('the plan follows the container spec: stdin and tty as started, the default container, none unknown', () => {
    const pod = { metadata: { annotations: { 'kubectl.kubernetes.io/default-container': 'b' } }, spec: { containers: [{ name: 'a', stdin: true, tty: true }, { name: 'b' }] } };
    assert.deepEqual(attachPlan(pod), { container: 'b', stdin: false, tty: false });
    assert.deepEqual(attachPlan(pod, 'a'), { container: 'a', stdin: true, tty: true });
    assert.equal(attachPlan(pod, 'nope'), undefined);
  });

  test('toolbox: typed lines reach the shell; a second attach shares it; its exit ends both with Success', async () => {
    const first = await openAttach(client, { namespace: 'team-a', pod: 'toolbox' });
    assert.deepEqual(first.plan, { container: 'toolbox', stdin: true, tty: true });
    const out1 = output(first);
    first.session.write('cd /etc\r');
    first.session.write('echo one-$HOSTNAME\r');
    await out1.until(/one-toolbox\r\n/);
    const second = await openAttach(client, { namespace: 'team-a', pod: 'toolbox' });
    const out2 = output(second);
    second.session.write('pwd\r');
    await out2.until(/\r\n\/etc\r\n/);
    await out1.until(/\r\n\/etc\r\n/); // the first attach sees what the second typed: one process
    second.session.write('exit 3\r');
    assert.deepEqual(await first.session.outcome, { exitCode: 0 });
    assert.deepEqual(await second.session.outcome, { exitCode: 0 });
    // The container restarted, as the kubelet would: one restart, the last run's exit code.
    const status = (sim.clusters[0].store.get('pods', 'team-a', 'toolbox')!.status as { containerStatuses: { restartCount: number; lastState: { terminated: { exitCode: number } } }[] }).containerStatuses[0]!;
    assert.equal(status.restartCount, 1);
    assert.equal(status.lastState.terminated.exitCode, 3);
    // The next attach starts a new main process (the container restarted): back in /.
    const third = await openAttach(client, { namespace: 'team-a', pod: 'toolbox' });
    const out3 = output(third);
    third.session.write('pwd\r');
    await out3.until(/\r\n\/\r\n/);
    third.session.close();
    assert.deepEqual(await third.session.outcome, { error: 'the stream ended without a status (WebSocket close 1000)' });
  });

  test('a container without stdin: output only (its log lines); what is typed is dropped', async () => {
    const web = sim.clusters[0].store.list('pods', 'team-a').find((p) => p.metadata.name.startsWith('web-'))!;
    const a = await openAttach(client, { namespace: 'team-a', pod: web.metadata.name });
    assert.deepEqual(a.plan, { container: 'web', stdin: false, tty: false });
    const out = output(a);
    a.session.write('echo should-not-run\n');
    await out.until(/HTTP\/1\.1" \d{3}/);
    assert.doesNotMatch(out.text(), /should-not-run/);
    a.session.close();
    await a.session.outcome;
  });

  test('refusals are the API server\'s reason: a container not running, a completed pod, no such pod', async () => {
    const pods = sim.clusters[0].store.list('pods', 'team-a');
    const crashing = pods.find((p) => JSON.stringify(p.status).includes('CrashLoopBackOff'))!;
    const done = pods.find((p) => (p.status as { phase?: string }).phase === 'Succeeded')!;
    await assert.rejects(openAttach(client, { namespace: 'team-a', pod: crashing.metadata.name }), /is waiting to start: CrashLoopBackOff/);
    await assert.rejects(openAttach(client, { namespace: 'team-a', pod: done.metadata.name }), /cannot attach to a container in a completed pod; current phase is Succeeded/);
    await assert.rejects(openAttach(client, { namespace: 'team-a', pod: 'no-such-pod' }), /not found/);
    await assert.rejects(openAttach(client, { namespace: 'team-a', pod: 'toolbox', container: 'nope' }), /pod toolbox has no container nope/);
  });
});
