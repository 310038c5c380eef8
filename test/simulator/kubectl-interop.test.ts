// kubectl is the judge: the real kubectl (1.28 and 1.33, picked by the dispatcher from /version) against the
// simulator over plain HTTP and over TLS with client-certificate and token users.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { KUBECTL, KubectlRunner, tableRows, tempDir } from './kubectl-helpers.js';

interface Scenario {
  title: string;
  minor: number;
  tls: boolean;
}

const SCENARIOS: Scenario[] = [
  { title: 'plain HTTP, server 1.28', minor: 28, tls: false },
  { title: 'TLS with a client certificate, server 1.33', minor: 33, tls: true },
];

test('kubectl is installed (its absence is a failure, not a skip)', () => {
  assert.ok(existsSync(KUBECTL), `${KUBECTL} is missing: install the kubectl dispatcher with kubectl 1.27..1.33`);
});

for (const sc of SCENARIOS) {
  describe(`kubectl against the simulator: ${sc.title}`, { concurrency: true }, () => {
    let sim: Simulator;
    let k: KubectlRunner;
    const podNames = (ns: string) => sim.clusters[0].store.list('pods', ns).map((p) => p.metadata.name);

    before(async () => {
      sim = await startSimulator({ tls: sc.tls, kubernetesMinor: sc.minor, controllers: false, pods: 60, seed: 7 });
      const dir = tempDir('kdeck-interop-');
      sim.writeKubeconfig(join(dir, 'kubeconfig'));
      k = new KubectlRunner(join(dir, 'kubeconfig'), dir);
    });
    after(async () => {
      k?.close();
      await sim?.stop();
    });

    test('version: the dispatcher runs the kubectl matching the server minor', async () => {
      let r = await k.run(['version']);
      // Under heavy machine load the dispatcher's 5 s /version probe can time out and fall back to its default
      // client; that is the dispatcher's doing, so try again before judging.
      for (let i = 0; i < 3 && /dispatcher/.test(r.stdout); i++) r = await k.run(['version']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`Client Version: v1\\.${sc.minor}\\.`));
      assert.match(r.stdout, new RegExp(`Server Version: v1\\.${sc.minor}\\.`));
    });

    test('api-resources lists built-ins with short names and the CRD', async () => {
      const r = await k.run(['api-resources']);
      assert.equal(r.code, 0, r.stderr);
      const rows = tableRows(r.stdout);
      assert.deepEqual(rows[0], ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
      // The first match wins, as in kubectl's own resolution (metrics.k8s.io also has "pods").
      const byName = new Map<string, string[]>();
      for (const row of rows) if (!byName.has(row[0])) byName.set(row[0], row);
      assert.deepEqual(byName.get('pods'), ['pods', 'po', 'v1', 'true', 'Pod']);
      assert.deepEqual(byName.get('deployments'), ['deployments', 'deploy', 'apps/v1', 'true', 'Deployment']);
      assert.deepEqual(byName.get('crontabs'), ['crontabs', 'ct', 'stable.example.com/v1', 'true', 'CronTab']);
    });

    test('get pods -A shows every pod with the real columns', async () => {
      const r = await k.run(['get', 'pods', '-A']);
      assert.equal(r.code, 0, r.stderr);
      const rows = tableRows(r.stdout);
      assert.deepEqual(rows[0], ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
      const names = new Set(rows.slice(1).map((row) => `${row[0]}/${row[1]}`));
      for (const p of sim.clusters[0].store.list('pods', 'kube-system')) assert.ok(names.has(`kube-system/${p.metadata.name}`), p.metadata.name);
    });

    test('get pods -n team-a -o wide adds the wide columns', async () => {
      const r = await k.run(['get', 'pods', '-n', 'team-a', '-o', 'wide']);
      assert.equal(r.code, 0, r.stderr);
      const rows = tableRows(r.stdout);
      assert.deepEqual(rows[0], ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
      assert.equal(rows.length - 1, podNames('team-a').length);
    });

    test('get deploy,svc -A lists both kinds', async () => {
      const r = await k.run(['get', 'deploy,svc', '-A']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /deployment\.apps\/web\b/);
      assert.match(r.stdout, /service\/kubernetes\b/);
      assert.match(r.stdout, /NAMESPACE\s+NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE/);
      assert.match(r.stdout, /NAMESPACE\s+NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE/);
    });

    test('the CRD by plural and by short name, with its printer columns', async () => {
      const [plural, short] = await Promise.all([k.run(['get', 'crontabs', '-n', 'team-a']), k.run(['get', 'ct', '-n', 'team-a'])]);
      assert.equal(plural.code, 0, plural.stderr);
      assert.equal(short.stdout, plural.stdout);
      const rows = tableRows(plural.stdout);
      assert.deepEqual(rows[0], ['NAME', 'SPEC', 'REPLICAS', 'AGE']);
      assert.deepEqual(rows.slice(1).map((row) => row.slice(0, 3)), [['cache-warmup', '*/10 * * * *', '2'], ['nightly-backup', '0 3 * * *', '1']]);
    });

    test('get po -l app=web selects by label', async () => {
      const r = await k.run(['get', 'po', '-A', '-l', 'app=web']);
      assert.equal(r.code, 0, r.stderr);
      const rows = tableRows(r.stdout).slice(1);
      const expected = sim.clusters[0].store.list('pods').filter((p) => p.metadata.labels?.app === 'web');
      assert.ok(expected.length > 0);
      assert.equal(rows.length, expected.length);
      for (const row of rows) assert.match(row[1], /^web-/);
    });

    test('--field-selector status.phase=Running', async () => {
      const r = await k.run(['get', 'pods', '-A', '--field-selector', 'status.phase=Running', '-o', 'name']);
      assert.equal(r.code, 0, r.stderr);
      const running = sim.clusters[0].store.list('pods').filter((p) => (p.status as { phase?: string }).phase === 'Running');
      assert.equal(r.stdout.trim().split('\n').length, running.length);
      const bad = await k.run(['get', 'pods', '--field-selector', 'spec.foo=bar']);
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /Error from server \(BadRequest\): .*field label not supported: spec\.foo/);
    });

    test('--chunk-size 10 pages through the whole list', async () => {
      const r = await k.run(['get', 'pods', '-A', '--chunk-size', '10', '--no-headers']);
      assert.equal(r.code, 0, r.stderr);
      const keys = tableRows(r.stdout).map((row) => `${row[0]}/${row[1]}`);
      assert.ok(keys.length > 10);
      assert.equal(new Set(keys).size, keys.length, 'no pod twice');
      // (a concurrent test deletes one pod)
      assert.ok(Math.abs(keys.length - sim.clusters[0].store.list('pods').length) <= 1);
    });

    test('get pods -w receives a change made in the store', async () => {
      const store = sim.clusters[0].store;
      const w = k.spawn(['get', 'pods', '-n', 'search', '-w']);
      try {
        await w.waitFor(/NAME\s+READY\s+STATUS/);
        const target = store.list('pods', 'search')[0];
        store.create('pods', { ...structuredClone(target), metadata: { name: 'watched-newcomer', namespace: 'search', labels: { app: 'watched' } } });
        await w.waitFor(/watched-newcomer/);
      } finally {
        w.stop();
      }
    });

    test('logs and logs -f', async () => {
      const store = sim.clusters[0].store;
      const pod = store.list('pods', 'shop').find((p) => (p.status as { phase?: string }).phase === 'Running' && (p.spec as { containers: unknown[] }).containers.length === 1)!;
      assert.ok(pod, 'a running single-container pod in shop');
      const r = await k.run(['logs', '-n', 'shop', pod.metadata.name, '--tail', '3']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim().split('\n').length, 3);
      const f = k.spawn(['logs', '-f', '-n', 'shop', pod.metadata.name, '--tail', '1']);
      try {
        const first = (await f.waitFor(/\n/)).trim();
        const later = await f.waitFor(/\n.*\n/);
        const lines = later.trim().split('\n');
        // --tail 1 printed one line; any further line was written while following.
        assert.equal(lines[0], first);
        assert.ok(lines.length >= 2, `a new line arrived: ${later}`);
      } finally {
        f.stop();
      }
    });

    test('delete pod: Terminating, then gone', async () => {
      const store = sim.clusters[0].store;
      const name = podNames('payments')[0];
      const r = await k.run(['delete', 'pod', '-n', 'payments', name]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), `pod "${name}" deleted`);
      assert.equal(store.get('pods', 'payments', name), undefined);
    });

    test('scale deploy --replicas', async () => {
      const r = await k.run(['scale', 'deploy', 'web', '-n', 'analytics', '--replicas', '7']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), 'deployment.apps/web scaled');
      assert.equal((sim.clusters[0].store.get('deployments.apps', 'analytics', 'web')!.spec as { replicas: number }).replicas, 7);
    });

    test('rollout restart deploy', async () => {
      const r = await k.run(['rollout', 'restart', 'deploy', 'api', '-n', 'team-a']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), 'deployment.apps/api restarted');
      const d = sim.clusters[0].store.get('deployments.apps', 'team-a', 'api')!;
      const annotations = (d.spec as { template: { metadata: { annotations?: Record<string, string> } } }).template.metadata.annotations;
      assert.ok(annotations?.['kubectl.kubernetes.io/restartedAt']);
    });

    test('events: kubectl events and get events.v1.events.k8s.io show the same events', async () => {
      const [core, v1] = await Promise.all([k.run(['events', '-n', 'team-a']), k.run(['get', 'events.v1.events.k8s.io', '-n', 'team-a'])]);
      assert.equal(core.code, 0, core.stderr);
      assert.equal(v1.code, 0, v1.stderr);
      const reasons = (out: string) => tableRows(out).slice(1).map((r) => r[2]).sort();
      assert.ok(reasons(v1.stdout).length > 0);
      assert.deepEqual(reasons(v1.stdout), reasons(core.stdout));
    });

    test('create defaults: a ClusterIP service gets an address; a new namespace its default service account and kube-root-ca.crt', async () => {
      const svc = await k.run(['create', 'service', 'clusterip', 'made-here', '-n', 'team-a', '--tcp', '80:8080']);
      assert.equal(svc.code, 0, svc.stderr);
      const get = await k.run(['get', 'svc', 'made-here', '-n', 'team-a', '--no-headers']);
      assert.match(get.stdout, /^made-here\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80\/TCP/);
      const secret = await k.run(['create', 'secret', 'generic', 'made-here', '-n', 'team-a', '--from-literal', 'a=b', '-o', 'jsonpath={.type}']);
      assert.equal(secret.stdout, 'Opaque', secret.stderr);
      const ns = await k.run(['create', 'namespace', `fresh-${sc.minor}`]);
      assert.equal(ns.code, 0, ns.stderr);
      const inside = await k.run(['get', 'serviceaccount/default', 'configmap/kube-root-ca.crt', '-n', `fresh-${sc.minor}`, '-o', 'name']);
      assert.equal(inside.stdout.trim(), 'serviceaccount/default\nconfigmap/kube-root-ca.crt', inside.stderr);
    });

    test('gzip: kubectl asks for it and a large list comes back compressed', async () => {
      const r = await k.run(['get', '--raw', '/api/v1/pods', '-v=8']);
      assert.equal(r.code, 0, r.stderr);
      // Go's transport asks for gzip by itself and, having unpacked the body, drops Content-Encoding from what it
      // logs; the Vary header the server sends with compressed bodies stays.
      assert.match(r.stderr, /Vary: Accept-Encoding/);
      // (a concurrent test deletes one pod)
      assert.ok(Math.abs(JSON.parse(r.stdout).items.length - sim.clusters[0].store.list('pods').length) <= 1);
    });

    test('auth can-i answers per the rule table', async () => {
      const [yes, whoami] = await Promise.all([k.run(['auth', 'can-i', 'delete', 'pods', '-n', 'team-a']), k.run(['auth', 'can-i', 'create', 'deployments', '-A'])]);
      assert.equal(yes.stdout.trim(), 'yes', yes.stderr);
      assert.equal(yes.code, 0);
      assert.equal(whoami.stdout.trim(), 'yes', whoami.stderr);
    });

    {
      // kubectl ≥ 1.30 checks server-side field validation through OpenAPI v3, older ones through OpenAPI v2 protobuf.
      test('apply -f creates, then configures with a strategic merge patch', async () => {
        const manifest = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: team-a\ndata:\n  x: "${value}"\n`;
        const file = join(k.dir, 'cm.yaml');
        writeFileSync(file, manifest('1'));
        const created = await k.run(['apply', '-f', file]);
        assert.equal(created.stdout.trim(), 'configmap/applied created', created.stderr);
        writeFileSync(file, manifest('2'));
        const configured = await k.run(['apply', '-f', file]);
        assert.equal(configured.stdout.trim(), 'configmap/applied configured', configured.stderr);
        const cm = sim.clusters[0].store.get('configmaps', 'team-a', 'applied')!;
        assert.deepEqual(cm.data, { x: '2' });
        assert.ok(cm.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']);
      });
    }

    if (sc.tls) {
      const restrictedContext = () => `${sim.clusters[0].contextName}-restricted`;

      test('restricted user (token): can-i yes in team-a, no elsewhere', async () => {
        const [yes, no] = await Promise.all([
          k.run(['--context', restrictedContext(), 'auth', 'can-i', 'list', 'pods', '-n', 'team-a']),
          k.run(['--context', restrictedContext(), 'auth', 'can-i', 'list', 'pods', '-n', 'default']),
        ]);
        assert.equal(yes.stdout.trim(), 'yes', yes.stderr);
        assert.equal(no.stdout.trim(), 'no');
        assert.equal(no.code, 1);
      });

      test("restricted user's forbidden message", async () => {
        const [ok, denied] = await Promise.all([
          k.run(['--context', restrictedContext(), 'get', 'pods']),
          k.run(['--context', restrictedContext(), 'get', 'pods', '-n', 'default']),
        ]);
        assert.equal(ok.code, 0, ok.stderr);
        assert.match(ok.stdout, /^NAME\s+READY\s+STATUS/);
        assert.notEqual(denied.code, 0);
        assert.equal(denied.stderr.trim(), 'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
      });

      test('create token (TokenRequest) gives a working service-account token; --as impersonates', async () => {
        const token = await k.run(['create', 'token', 'default', '-n', 'team-a', '--duration', '20m']);
        assert.equal(token.code, 0, token.stderr);
        const kc = {
          apiVersion: 'v1', kind: 'Config', 'current-context': 'sa',
          clusters: [{ name: 'c', cluster: { server: sim.clusters[0].url, 'certificate-authority-data': Buffer.from(sim.caPem!).toString('base64') } }],
          users: [{ name: 'sa', user: { token: token.stdout.trim() } }],
          contexts: [{ name: 'sa', context: { cluster: 'c', user: 'sa' } }],
        };
        const path = join(k.dir, 'sa.kubeconfig');
        writeFileSync(path, stringify(kc));
        const sa = new KubectlRunner(path, k.dir);
        const [whoami, asBob, janeAsBob] = await Promise.all([
          sa.run(['auth', 'whoami']),
          k.run(['auth', 'whoami', '--as', 'bob', '--as-group', 'viewer']),
          k.run(['--context', restrictedContext(), 'get', 'pods', '--as', 'bob']),
        ]);
        assert.equal(whoami.code, 0, whoami.stderr);
        assert.match(whoami.stdout, /Username\s+system:serviceaccount:team-a:default/);
        assert.match(asBob.stdout, /Username\s+bob/);
        assert.match(asBob.stdout, /Groups\s+\[viewer system:authenticated\]/);
        // Every request is refused, discovery included (kubectl words the discovery failure as "unknown").
        assert.notEqual(janeAsBob.code, 0);
        assert.match(janeAsBob.stderr, /Error from server \(Forbidden\)/);
      });

      test('client certificate user (CN, O) and an expired token', async () => {
        const cert = sim.issueClientCertificate('carol', ['viewer']);
        const token = sim.issueToken('dave', ['viewer']);
        sim.clusters[0].faults.expireToken(token);
        const kc = {
          apiVersion: 'v1', kind: 'Config', 'current-context': 'carol',
          clusters: [{ name: 'c', cluster: { server: sim.clusters[0].url, 'certificate-authority-data': Buffer.from(sim.caPem!).toString('base64') } }],
          users: [
            { name: 'carol', user: { 'client-certificate-data': Buffer.from(cert.certPem).toString('base64'), 'client-key-data': Buffer.from(cert.keyPem).toString('base64') } },
            { name: 'dave', user: { token } },
          ],
          contexts: [{ name: 'carol', context: { cluster: 'c', user: 'carol' } }, { name: 'dave', context: { cluster: 'c', user: 'dave' } }],
        };
        const path = join(k.dir, 'users.kubeconfig');
        writeFileSync(path, stringify(kc));
        const other = new KubectlRunner(path, k.dir);
        const [read, write, expired] = await Promise.all([
          other.run(['get', 'ns', '-o', 'name']),
          other.run(['delete', 'ns', 'shop']),
          other.run(['--context', 'dave', 'get', 'pods']),
        ]);
        assert.equal(read.code, 0, read.stderr);
        assert.match(read.stdout, /namespace\/team-a/);
        assert.match(write.stderr, /Error from server \(Forbidden\): namespaces "shop" is forbidden: User "carol" cannot delete resource "namespaces" in API group "" at the cluster scope/);
        // kubectl words a 401 by where it met it: on the request ("Unauthorized", discovery already cached by
        // the runs beside it) or on discovery ("the server has asked for the client to provide credentials").
        assert.match(expired.stderr, /error: You must be logged in to the server \((Unauthorized|the server has asked for the client to provide credentials)\)/);
      });
    }
  });
}
