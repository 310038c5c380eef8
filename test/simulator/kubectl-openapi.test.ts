// kubectl explain and kubectl apply (default --validate=strict) against the simulator's OpenAPI documents:
// kubectl 1.28 and 1.29 read /openapi/v2 as gnostic protobuf, 1.33 reads /openapi/v3; the dispatcher picks the
// kubectl matching each server's minor.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { KubectlRunner, tempDir } from './kubectl-helpers.js';

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: applied-web, namespace: team-a}
spec:
  replicas: 2
  selector: {matchLabels: {app: applied-web}}
  template:
    metadata: {labels: {app: applied-web}}
    spec:
      containers:
      - {name: web, image: "${image}", ports: [{containerPort: 80}]}
      - {name: side, image: "busybox:1"}
`;

for (const minor of [28, 29, 33]) {
  describe(`kubectl explain and apply, server 1.${minor}`, { concurrency: true }, () => {
    let sim: Simulator;
    let k: KubectlRunner;
    before(async () => {
      sim = await startSimulator({ kubernetesMinor: minor, controllers: false, pods: 30, seed: 11 });
      const dir = tempDir('kdeck-openapi-');
      sim.writeKubeconfig(join(dir, 'kubeconfig'));
      k = new KubectlRunner(join(dir, 'kubeconfig'), dir);
    });
    after(async () => {
      k?.close();
      await sim?.stop();
    });

    test('explain a kind, a nested field and the CRD', async () => {
      const [dep, ports, ct] = await Promise.all([
        k.run(['explain', 'deployment']),
        k.run(['explain', 'pods.spec.containers.ports']),
        k.run(['explain', 'crontabs']),
      ]);
      assert.equal(dep.code, 0, dep.stderr);
      assert.match(dep.stdout, /KIND:\s+Deployment\n/);
      assert.match(dep.stdout, /VERSION:\s+v1\n/);
      assert.match(dep.stdout, /Deployment enables declarative updates for Pods and ReplicaSets\./);
      assert.match(dep.stdout, /spec\t<DeploymentSpec>/);
      assert.equal(ports.code, 0, ports.stderr);
      assert.match(ports.stdout, /FIELD: ports <\[\]ContainerPort>/);
      assert.match(ports.stdout, /containerPort\t<integer> -required-/);
      assert.equal(ct.code, 0, ct.stderr);
      assert.match(ct.stdout, /KIND:\s+CronTab/);
    });

    test('apply -f without --validate=false: create, then configure with a strategic merge patch keyed by container name', async () => {
      const file = join(k.dir, `dep-${minor}.yaml`);
      writeFileSync(file, deployment('nginx:1'));
      const created = await k.run(['apply', '-f', file]);
      assert.equal(created.code, 0, created.stderr);
      assert.equal(created.stdout.trim(), 'deployment.apps/applied-web created');
      writeFileSync(file, deployment('nginx:2'));
      const configured = await k.run(['apply', '-f', file]);
      assert.equal(configured.code, 0, configured.stderr);
      assert.equal(configured.stdout.trim(), 'deployment.apps/applied-web configured');
      const d = sim.clusters[0].store.get('deployments.apps', 'team-a', 'applied-web')!;
      const containers = (d.spec as { template: { spec: { containers: { name: string; image: string }[] } } }).template.spec.containers;
      assert.deepEqual(containers.map((c) => [c.name, c.image]), [['web', 'nginx:2'], ['side', 'busybox:1']]);
      const again = await k.run(['apply', '-f', file]);
      assert.equal(again.stdout.trim(), 'deployment.apps/applied-web unchanged', again.stderr);
    });

    test('apply -f with a misspelt field is refused (strict validation), as a real server does', async () => {
      const file = join(k.dir, `bad-${minor}.yaml`);
      writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: misspelt, namespace: team-a}\ndata: {a: "1"}\ndatta: {b: "2"}\n');
      const r = await k.run(['apply', '-f', file]);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /Error from server \(BadRequest\): error when creating ".*bad-\d+\.yaml": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "datta"/);
      assert.equal(sim.clusters[0].store.get('configmaps', 'team-a', 'misspelt'), undefined);
    });
  });
}
