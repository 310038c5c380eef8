// kubectl rollout against the simulator with its controllers running: scale and set image are waited for by
// `rollout status` until the controllers really finish, with progress on the way; history and undo work
// from the replicasets the deployment controller keeps.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { KubectlRunner, tableRows, tempDir } from './kubectl-helpers.js';

for (const minor of [28, 33]) {
  describe(`kubectl rollout, server 1.${minor}`, () => {
    let sim: Simulator;
    let k: KubectlRunner;
    const dep = (name: string) => sim.clusters[0].store.get('deployments.apps', 'team-a', name)!;
    const depStatus = (name: string) => (dep(name).status ?? {}) as { replicas?: number; updatedReplicas?: number; availableReplicas?: number; observedGeneration?: number };

    before(async () => {
      sim = await startSimulator({ kubernetesMinor: minor, pods: 60, seed: 7 });
      const dir = tempDir('kdeck-rollout-');
      sim.writeKubeconfig(join(dir, 'kubeconfig'));
      k = new KubectlRunner(join(dir, 'kubeconfig'), dir);
    });
    after(async () => {
      k?.close();
      await sim?.stop();
    });

    test('scale then rollout status waits for the controllers (up to 6, down to 3)', async () => {
      const up = await k.run(['scale', 'deploy', 'web', '-n', 'team-a', '--replicas=6']);
      assert.equal(up.code, 0, up.stderr);
      const waitUp = await k.run(['rollout', 'status', 'deploy/web', '-n', 'team-a', '--timeout=60s']);
      assert.equal(waitUp.code, 0, waitUp.stderr);
      assert.match(waitUp.stdout, /Waiting for deployment "web" rollout to finish: \d of 6 updated replicas are available/);
      assert.match(waitUp.stdout, /deployment "web" successfully rolled out\n$/);
      assert.equal(depStatus('web').availableReplicas, 6);
      const down = await k.run(['scale', 'deploy', 'web', '-n', 'team-a', '--replicas=3']);
      assert.equal(down.code, 0, down.stderr);
      const waitDown = await k.run(['rollout', 'status', 'deploy/web', '-n', 'team-a', '--timeout=60s']);
      assert.equal(waitDown.code, 0, waitDown.stderr);
      assert.match(waitDown.stdout, /deployment "web" successfully rolled out\n$/);
      // When kubectl said so, the status had really reached 3 for the new generation.
      assert.equal(depStatus('web').replicas, 3);
      assert.equal(depStatus('web').observedGeneration, dep('web').metadata.generation);
    });

    test('set image rolls out step by step; rollout history lists revisions with their change-cause; undo goes back', async () => {
      const cause = await k.run(['annotate', 'deploy', 'api', '-n', 'team-a', 'kubernetes.io/change-cause=image bumped to 2.0']);
      assert.equal(cause.code, 0, cause.stderr);
      const set = await k.run(['set', 'image', 'deploy/api', '-n', 'team-a', '*=registry.example.com/api:2.0']);
      assert.equal(set.code, 0, set.stderr);
      const status = await k.run(['rollout', 'status', 'deploy/api', '-n', 'team-a', '--timeout=90s']);
      assert.equal(status.code, 0, status.stderr);
      assert.match(status.stdout, /Waiting for deployment "api" rollout to finish: (\d+ out of \d+ new replicas have been updated|\d+ old replicas are pending termination)\.\.\./);
      assert.match(status.stdout, /deployment "api" successfully rolled out\n$/);
      const history = await k.run(['rollout', 'history', 'deploy/api', '-n', 'team-a']);
      assert.equal(history.code, 0, history.stderr);
      const rows = tableRows(history.stdout).slice(1);
      assert.deepEqual(rows[0], ['REVISION', 'CHANGE-CAUSE']);
      const last = rows[rows.length - 1];
      assert.equal(last[1], 'image bumped to 2.0');
      const newest = Number(last[0]);
      assert.ok(rows.length >= 3, history.stdout);
      const detail = await k.run(['rollout', 'history', 'deploy/api', '-n', 'team-a', `--revision=${newest}`]);
      assert.equal(detail.code, 0, detail.stderr);
      assert.match(detail.stdout, /Image:\s+registry\.example\.com\/api:2\.0/);

      const undo = await k.run(['rollout', 'undo', 'deploy/api', '-n', 'team-a']);
      assert.equal(undo.code, 0, undo.stderr);
      assert.equal(undo.stdout.trim(), 'deployment.apps/api rolled back');
      const back = await k.run(['rollout', 'status', 'deploy/api', '-n', 'team-a', '--timeout=90s']);
      assert.equal(back.code, 0, back.stderr);
      const image = (dep('api').spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image;
      assert.notEqual(image, 'registry.example.com/api:2.0');
      const after = tableRows((await k.run(['rollout', 'history', 'deploy/api', '-n', 'team-a'])).stdout).slice(1);
      assert.equal(after[after.length - 1][0], String(newest + 1), 'the old revision came back as the newest');
    });
  });
}
