// The rules judged by the real kubectl: a bare HTTP server that serves only /version, discovery (through
// negotiateDiscovery and the renderers) and the self-review endpoints (through protobuf.ts and authz.ts), run
// against kubectl 1.28, 1.32 and 1.33 via the dispatcher. Independent of the full simulator server.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { catalogueWithCrds, type ResourceDef } from '../../../src/simulator/resources.js';
import {
  negotiateDiscoveryResponse,
  renderAggregatedDiscovery,
  renderApiGroupList,
  renderApiResourceList,
  renderApiVersions,
} from '../../../src/simulator/discovery.js';
import { decodeProtobufObject, isProtobufContentType } from '../../../src/simulator/protobuf.js';
import {
  selfSubjectAccessReviewResponse,
  selfSubjectRulesReviewResponse,
  selfSubjectReviewResponse,
  type UserInfo,
} from '../../../src/simulator/authz.js';
import type { SimObject } from '../../../src/simulator/types.js';

const crd: SimObject = {
  metadata: { name: 'crontabs.stable.example.com' },
  spec: {
    group: 'stable.example.com',
    scope: 'Namespaced',
    names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'] },
    versions: [{ name: 'v1', served: true, storage: true }],
  },
};

/** Who the bare server says the caller is; kubectl sends no credentials over http, so the test picks. */
interface Served {
  server: Server;
  url: string;
  seen: { formats: string[]; contentTypes: string[]; created: Record<string, unknown>[] };
}

function serve(minor: number, user: UserInfo, legacyOnly: boolean): Promise<Served> {
  const catalogue: ResourceDef[] = catalogueWithCrds([crd], minor);
  const seen = { formats: [] as string[], contentTypes: [] as string[], created: [] as Record<string, unknown>[] };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const json = (code: number, body: unknown, contentType = 'application/json') => {
      res.writeHead(code, { 'Content-Type': contentType });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET') {
      if (path === '/version') return json(200, { major: '1', minor: String(minor), gitVersion: `v1.${minor}.0` });
      if (path === '/api' || path === '/apis') {
        const { format, contentType } = negotiateDiscoveryResponse(legacyOnly ? 'application/json' : req.headers.accept ?? '', minor);
        seen.formats.push(format);
        if (format !== 'legacy') return json(200, renderAggregatedDiscovery(catalogue, path === '/api' ? 'api' : 'apis', format), contentType);
        return json(200, path === '/api' ? renderApiVersions() : renderApiGroupList(catalogue));
      }
      // kubectl autoscale reads its target first.
      const deploy = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)$/.exec(path);
      if (deploy) {
        return json(200, {
          kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: deploy[2], namespace: deploy[1], uid: 'u1', resourceVersion: '1' },
          spec: { replicas: 1, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
        });
      }
      const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
      if (m) {
        const doc = m[1] ? renderApiResourceList(catalogue, '', 'v1') : renderApiResourceList(catalogue, m[2]!, m[3]!);
        if (doc) return json(200, doc);
      }
    }
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        seen.contentTypes.push(req.headers['content-type'] ?? '');
        let obj: Record<string, unknown>;
        try {
          obj = isProtobufContentType(req.headers['content-type']) ? decodeProtobufObject(body) : JSON.parse(body.toString());
        } catch (e) {
          return json(415, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: String(e), code: 415 });
        }
        if (path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews') return json(201, selfSubjectAccessReviewResponse(user, obj));
        if (path === '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews') return json(201, selfSubjectRulesReviewResponse(user, obj));
        if (path === '/apis/authentication.k8s.io/v1/selfsubjectreviews') return json(201, selfSubjectReviewResponse(user));
        // Any other POST is a create: echo the decoded object, as a server would store it.
        seen.created.push(obj);
        return json(201, obj);
      });
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen })),
  );
}

const dirs: string[] = [];
function kubectl(url: string, args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kdeck-rules-kubectl-'));
  dirs.push(dir);
  const kubeconfig = join(dir, 'config');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${url}\nusers:\n- name: u\n  user: {}\ncontexts:\n- name: x\n  context: {cluster: c, user: u, namespace: team-a}\ncurrent-context: x\n`,
  );
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args], {
      env: { ...process.env, HOME: dir, KUBECONFIG: kubeconfig },
    });
    child.stdin.end(stdin ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const jane: UserInfo = { username: 'jane', groups: ['team-a-viewers'] };

// The last case serves legacy discovery only (as a server without aggregated discovery), to judge those documents.
for (const [minor, legacyOnly] of [[28, false], [32, false], [33, false], [33, true]] as const) {
  describe(`kubectl against a 1.${minor} server${legacyOnly ? ' with legacy discovery only' : ''}`, () => {
    let s: Served;
    before(async () => {
      s = await serve(minor, jane, legacyOnly);
    });
    after(() => new Promise<void>((r) => s.server.close(() => r())));

    test('api-resources lists the catalogue with short names and the CRD', async () => {
      const r = await kubectl(s.url, ['api-resources']);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.split('\n');
      const row = (re: RegExp) => lines.find((l) => re.test(l));
      assert.ok(row(/^pods\s+po\s+v1\s+true\s+Pod$/), r.stdout);
      assert.ok(row(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/), r.stdout);
      assert.ok(row(/^crontabs\s+ct\s+stable\.example\.com\/v1\s+true\s+CronTab$/), r.stdout);
      assert.ok(row(/^nodes\s+metrics\.k8s\.io\/v1beta1\s+false\s+NodeMetrics$/), r.stdout);
      assert.ok(row(/^horizontalpodautoscalers\s+hpa\s+autoscaling\/v2\s+true\s+HorizontalPodAutoscaler$/), r.stdout);
      // The dispatcher runs kubectl 1.28 (asks for v2beta1) against 1.28, and 1.32/1.33 (ask for v2 first) otherwise.
      assert.equal(s.seen.formats[0], legacyOnly ? 'legacy' : minor === 28 ? 'v2beta1' : 'v2');
    });

    test('auth can-i answers per the rule table (protobuf bodies from 1.32+)', async () => {
      const yes = await kubectl(s.url, ['auth', 'can-i', 'list', 'pods']);
      assert.equal(yes.stdout.trim(), 'yes', yes.stderr);
      assert.equal(yes.code, 0);
      const no = await kubectl(s.url, ['auth', 'can-i', 'delete', 'deployments.apps', '-n', 'team-a']);
      assert.equal(no.stdout.trim(), 'no', no.stderr);
      assert.equal(no.code, 1);
      const noElsewhere = await kubectl(s.url, ['auth', 'can-i', 'list', 'pods', '-n', 'default']);
      assert.equal(noElsewhere.stdout.trim(), 'no');
      if (minor >= 32) assert.ok(s.seen.contentTypes.some((c) => c.startsWith('application/vnd.kubernetes.protobuf')), s.seen.contentTypes.join());
    });

    test('auth can-i --list shows the namespace rules', async () => {
      const r = await kubectl(s.url, ['auth', 'can-i', '--list', '-n', 'team-a']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^pods\s+\[\]\s+\[\]\s+\[get list watch\]$/m);
      assert.match(r.stdout, /^deployments\.apps\s+\[\]\s+\[\]\s+\[get list watch\]$/m);
      assert.match(r.stdout, /^\s+\[\/version\]\s+\[\]\s+\[get\]$/m);
    });

    test('auth whoami', async () => {
      const r = await kubectl(s.url, ['auth', 'whoami']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Username\s+jane/);
      assert.match(r.stdout, /Groups\s+\[team-a-viewers system:authenticated\]/);
    });
  });
}

// kubectl 1.32+ sends `kubectl create <kind>` bodies as protobuf. Each must decode to exactly the object kubectl
// builds itself, which `--dry-run=client -o json` prints (the client's own JSON encoding of the same object).
const CREATES: string[][] = [
  ['create', 'namespace', 'foo'],
  ['create', 'configmap', 'cm1', '--from-literal=a=b', '--from-literal=c=d'],
  ['create', 'secret', 'generic', 's1', '--from-literal=a=b'],
  ['create', 'secret', 'docker-registry', 'reg', '--docker-server=x.io', '--docker-username=u', '--docker-password=p'],
  ['create', 'serviceaccount', 'sa1'],
  ['create', 'deployment', 'd1', '--image=nginx', '--replicas=3', '--port=80'],
  ['create', 'deployment', 'd0', '--image=nginx', '--replicas=0'],
  ['create', 'job', 'j1', '--image=busybox', '--', 'echo', 'hi'],
  ['create', 'cronjob', 'cj1', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date'],
  ['create', 'service', 'clusterip', 'svc1', '--tcp=80:8080'],
  ['create', 'service', 'nodeport', 'svc2', '--tcp=80:8080', '--node-port=30080'],
  ['create', 'quota', 'q1', '--hard=pods=2,cpu=1'],
  ['create', 'role', 'r1', '--verb=get', '--verb=list', '--resource=pods,deployments.apps'],
  ['create', 'rolebinding', 'rb1', '--role=r1', '--user=jane', '--group=g'],
  ['create', 'clusterrole', 'cr1', '--verb=get', '--resource=nodes'],
  ['create', 'clusterrolebinding', 'crb1', '--clusterrole=cr1', '--user=jane'],
  ['create', 'ingress', 'ing1', '--rule=a.com/p*=svc1:80,tls=sec', '--class=nginx', '--default-backend=svc1:http'],
  ['create', 'poddisruptionbudget', 'pdb1', '--selector=app=x', '--min-available=50%'],
  ['create', 'priorityclass', 'pc1', '--value=10', '--description=d'],
  ['autoscale', 'deployment', 'd1', '--min=2', '--max=5', '--cpu-percent=70'],
];

/** Drops what kubectl's JSON carries but a protobuf body cannot tell apart from absence: null timestamps. */
function withoutNullTimestamps(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNullTimestamps);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v).filter(([k, x]) => !(k === 'creationTimestamp' && x === null)).map(([k, x]) => [k, withoutNullTimestamps(x)]),
  );
}

// One client version suffices (1.33's generators send the same bodies); runs are limited to 4 at a time.
for (const minor of [32]) {
  describe(`kubectl ${minor} create bodies in protobuf`, () => {
    let s: Served;
    before(async () => {
      s = await serve(minor, { username: 'admin', groups: ['system:masters'] }, false);
    });
    after(() => new Promise<void>((r) => s.server.close(() => r())));

    test('decode to the object kubectl built', async () => {
      const split = (c: string[]) => (c.includes('--') ? [c.slice(0, c.indexOf('--')), c.slice(c.indexOf('--'))] : [c, []]);
      const queue = [...CREATES];
      const results: { c: string[]; client: { stdout: string }; created: { code: number | null; stderr: string } }[] = [];
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let c = queue.shift(); c; c = queue.shift()) {
            const [head, tail] = split(c);
            const client = await kubectl(s.url, [...head!, '--dry-run=client', '-o', 'json', ...tail!]);
            const created = await kubectl(s.url, [...head!, '-o', 'name', ...tail!]);
            results.push({ c, client, created });
          }
        }),
      );
      assert.ok(s.seen.contentTypes.filter((t) => t.startsWith('application/vnd.kubernetes.protobuf')).length >= CREATES.length);
      for (const { c, client, created } of results) {
        assert.equal(created.code, 0, `${c.join(' ')}: ${created.stderr}`);
        // A create's status is ignored by the server; Go writes its zero counters in JSON but they are not decoded.
        const { status: _status, ...want } = withoutNullTimestamps(JSON.parse(client.stdout)) as { kind: string; metadata: { name: string }; status?: unknown };
        const found = s.seen.created.find((o) => o.kind === want.kind && (o.metadata as { name?: string })?.name === want.metadata.name);
        assert.ok(found, c.join(' '));
        const { status: _ignored, ...got } = found;
        assert.deepEqual(got, want, c.join(' '));
      }
    });
  });
}
