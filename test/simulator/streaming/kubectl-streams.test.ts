// kubectl exec, attach and port-forward against the simulator: the proof that the streaming protocols are real.
// Server 1.32 → kubectl 1.32: exec/attach over WebSocket v5, port-forward as SPDY tunnelled in a WebSocket.
// Server 1.28 → kubectl 1.28: all three over SPDY/3.1. Server 1.33 over TLS with a client certificate.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../../src/simulator/index.js';
import { KubectlRunner, tempDir } from '../kubectl-helpers.js';
import { TmuxPane } from '../../e2e/helpers/tmux-pane.js';
import { requireTmux } from '../../e2e/helpers/tmux.js';
import type { SimObject } from '../../../src/simulator/types.js';
import { containerPorts } from '../../../src/simulator/streaming/pod-ports.js';

const SCENARIOS = [
  { title: 'server 1.32 (WebSocket)', minor: 32, tls: false },
  { title: 'server 1.28 (SPDY/3.1)', minor: 28, tls: false },
  { title: 'server 1.33 over TLS with a client certificate', minor: 33, tls: true },
];

function running(sim: Simulator, pred: (p: SimObject) => boolean): SimObject {
  const pod = sim.clusters[0].store.list('pods').find((p) => (p.status as { phase?: string }).phase === 'Running' && pred(p));
  assert.ok(pod, 'the seeded world has such a running pod');
  return pod;
}
const image = (p: SimObject) => (p.spec as { containers: { image: string }[] }).containers[0].image;
const single = (p: SimObject) => (p.spec as { containers: unknown[] }).containers.length === 1;
// Port 80 exactly (a substring test of the spec would also take 8080).
const hasPort80 = (p: SimObject) => containerPorts(p).includes(80);

for (const sc of SCENARIOS) {
  describe(`kubectl streams: ${sc.title}`, { concurrency: true }, () => {
    let sim: Simulator;
    let k: KubectlRunner;
    let web: SimObject;
    let alpine: SimObject;
    let kubeconfig: string;
    let dir: string;

    before(async () => {
      sim = await startSimulator({ tls: sc.tls, kubernetesMinor: sc.minor, controllers: false, pods: 40, seed: 7 });
      dir = tempDir('kdeck-streams-');
      kubeconfig = join(dir, 'kubeconfig');
      sim.writeKubeconfig(kubeconfig);
      k = new KubectlRunner(kubeconfig, dir);
      web = running(sim, (p) => single(p) && hasPort80(p));
      alpine = running(sim, (p) => single(p) && /alpine|busybox/.test(image(p)));
    });
    after(async () => {
      await sim?.stop();
      k?.close();
    });

    test('exec: output and exit code 0', async () => {
      const r = await k.run(['exec', '-n', web.metadata.namespace!, web.metadata.name, '--', 'echo', 'hi', 'there']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'hi there\n');
    });

    test('exec: files, a non-zero exit code and stderr', async () => {
      const r = await k.run(['exec', '-n', web.metadata.namespace!, web.metadata.name, '--', 'sh', '-c', 'cat /etc/hostname; cat /nope; exit 3']);
      assert.equal(r.code, 3);
      assert.equal(r.stdout, `${web.metadata.name}\n`);
      assert.match(r.stderr, /cat: \/nope: No such file or directory/);
      assert.match(r.stderr, /command terminated with exit code 3/);
    });

    test('exec: an unknown command in a shell exits 127; a missing program is the runtime error', async () => {
      const r = await k.run(['exec', '-n', alpine.metadata.namespace!, alpine.metadata.name, '--', 'sh', '-c', 'frobnicate']);
      assert.equal(r.code, 127);
      assert.match(r.stderr, /frobnicate: not found/);
      const bash = await k.run(['exec', '-n', alpine.metadata.namespace!, alpine.metadata.name, '--', '/bin/bash']);
      assert.notEqual(bash.code, 0);
      assert.match(bash.stderr, /stat \/bin\/bash: no such file or directory/);
    });

    test('exec: a container that is not there is the API server\'s 400', async () => {
      const r = await k.run(['exec', '-n', web.metadata.namespace!, web.metadata.name, '-c', 'nope', '--', 'true']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /container nope is not valid for pod/);
    });

    test('attach: the main process output arrives', async () => {
      const a = k.spawn(['attach', '-n', web.metadata.namespace!, web.metadata.name]);
      try {
        await a.waitFor(/HTTP\/1\.1" \d{3}/, 30_000);
      } finally {
        a.stop();
      }
    });

    test('port-forward: 20 concurrent curl-style requests each get the pod name', async () => {
      const pf = k.spawn(['port-forward', '-n', web.metadata.namespace!, `pod/${web.metadata.name}`, ':80']);
      try {
        const out = await pf.waitFor(/Forwarding from 127\.0\.0\.1:(\d+) -> 80/);
        const port = Number(/127\.0\.0\.1:(\d+)/.exec(out)![1]);
        const bodies = await Promise.all(Array.from({ length: 20 }, () => fetch(`http://127.0.0.1:${port}/`, { headers: { connection: 'close' } }).then((r) => r.text())));
        assert.deepEqual(bodies, Array.from({ length: 20 }, () => `${web.metadata.name}\n`));
      } finally {
        pf.stop();
      }
    });

    if (sc.minor === 32) {
      test('exec -it sh in tmux: a prompt, a command, its output, exit', async () => {
        requireTmux();
        const pane = new TmuxPane(120, 30, 'kdeck-kexec');
        try {
          pane.openShell({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, TERM: 'xterm-256color' }, 'OUTER$ ');
          pane.type(`/usr/bin/kubectl --kubeconfig ${kubeconfig} --cache-dir ${join(dir, 'tmux-cache')} exec -it -n ${alpine.metadata.namespace} ${alpine.metadata.name} -- sh`);
          pane.keys('Enter');
          await until(() => /^\/ #/m.test(pane.capture()), 'the container prompt'); // tmux drops the trailing space
          pane.type('cat /etc/hostname');
          pane.keys('Enter');
          await until(() => pane.capture().split('\n').some((l) => l.trim() === alpine.metadata.name), 'the hostname line');
          pane.type('exit 5');
          pane.keys('Enter');
          await until(() => (pane.capture().match(/OUTER\$/g) ?? []).length >= 2, 'the outer prompt again', 45_000, pane);
          pane.type('echo "code=$?"');
          pane.keys('Enter');
          await until(() => pane.capture().includes('code=5'), 'kubectl exiting with the shell\'s code', 45_000, pane);
        } finally {
          pane.kill();
        }
      });
    }
  });
}

// A container started with stdin and a tty (the seeded `toolbox`, as `kubectl run -it` makes) has a shell as its
// main process: kubectl attach -it reaches it, and a second attach finds the same shell (its working directory).
for (const minor of [32, 28]) {
  describe(`kubectl attach -it to a shell main process: server 1.${minor}`, () => {
    let sim: Simulator;
    let dir: string;
    let kubeconfig: string;

    before(async () => {
      sim = await startSimulator({ kubernetesMinor: minor, controllers: false, pods: 80, seed: 7 });
      dir = tempDir('kdeck-attach-');
      kubeconfig = join(dir, 'kubeconfig');
      sim.writeKubeconfig(kubeconfig);
    });
    after(async () => {
      await sim?.stop();
    });

    test('type a command, see its output; attach again: the same shell', async () => {
      requireTmux();
      assert.ok(sim.clusters[0].store.get('pods', 'team-a', 'toolbox'), 'the seeded world has team-a/toolbox');
      // One kubectl attach -it in its own pane: `steps` types into the attached shell; then the pane goes (kubectl
      // has no detach key: the terminal goes, the main process stays).
      const attachIn = async (steps: (pane: TmuxPane) => Promise<void>) => {
        const pane = new TmuxPane(120, 30, 'kdeck-kattach');
        try {
          pane.openShell({ PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, TERM: 'xterm-256color' }, 'OUTER$ ');
          pane.type(`/usr/bin/kubectl --kubeconfig ${kubeconfig} --cache-dir ${join(dir, 'tmux-cache')} attach -it -n team-a toolbox`);
          pane.keys('Enter');
          await until(() => pane.capture().includes("If you don't see a command prompt, try pressing enter."), 'kubectl attached', 45_000, pane);
          await steps(pane);
        } finally {
          pane.kill();
        }
      };
      const line = (pane: TmuxPane, text: string) => pane.capture().split('\n').some((l) => l.trim() === text);
      await attachIn(async (pane) => {
        pane.keys('Enter');
        await until(() => /^\/ #/m.test(pane.capture()), 'the main shell\'s prompt', 45_000, pane);
        pane.type('cd /etc; echo attached-to-$HOSTNAME');
        pane.keys('Enter');
        await until(() => line(pane, 'attached-to-toolbox'), 'the command\'s output', 45_000, pane);
      });
      await attachIn(async (pane) => {
        pane.type('pwd');
        pane.keys('Enter');
        await until(() => line(pane, '/etc'), 'the working directory the first attach left', 45_000, pane);
      });
    });
  });
}

async function until(pred: () => boolean, what: string, timeoutMs = 45_000, pane?: TmuxPane): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pred()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}${pane ? `; the screen was:\n${pane.capture()}` : ''}`);
}
