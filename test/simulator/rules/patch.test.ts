import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { applyPatch, mergePatch } from '../../../src/simulator/patch.js';
import { ApiStatusError } from '../../../src/errors.js';
import type { SimObject } from '../../../src/simulator/types.js';

const mutateFixture = (name: string) => readFileSync(`/work/shared/fixtures/mutate/${name}`, 'utf8');

function deployment(): SimObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'demo', labels: { app: 'web' }, finalizers: ['a'] },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'nginx:1.25',
              args: ['--a'],
              env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
              ports: [{ containerPort: 80, protocol: 'TCP' }],
            },
            { name: 'sidecar', image: 'envoy:1' },
          ],
          tolerations: [{ key: 'x', operator: 'Exists' }],
        },
      },
    },
  };
}

function assertStatus(fn: () => unknown, code: number, reason: string, message?: string) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ApiStatusError);
    assert.equal(e.code, code);
    assert.equal(e.status.reason, reason);
    if (message !== undefined) assert.equal(e.status.message, message);
    return true;
  });
}

describe('merge patch (RFC 7386)', () => {
  test('kubectl scale body on a Scale-like object', () => {
    const scale: SimObject = { metadata: { name: 'web' }, spec: { replicas: 2 }, status: { replicas: 2 } };
    const out = applyPatch(scale, mutateFixture('scale-patch-kubectl.json'), 'application/merge-patch+json');
    assert.deepEqual(out.spec, { replicas: JSON.parse(mutateFixture('scale-patch-kubectl.json')).spec.replicas });
    assert.deepEqual(scale.spec, { replicas: 2 }, 'the input is not mutated');
  });
  test('maps merge, null deletes, lists replace', () => {
    const out = applyPatch(deployment(), '{"metadata":{"labels":{"app":null,"tier":"fe"}},"spec":{"template":{"spec":{"containers":[{"name":"only"}]}}}}', 'application/merge-patch+json') as any;
    assert.deepEqual(out.metadata.labels, { tier: 'fe' });
    assert.deepEqual(out.spec.template.spec.containers, [{ name: 'only' }]);
    assert.equal(out.spec.replicas, 2);
  });
  test('RFC 7386 appendix examples', () => {
    assert.deepEqual(mergePatch({ a: 'b' }, { a: 'c' }), { a: 'c' });
    assert.deepEqual(mergePatch({ a: 'b' }, { b: 'c' }), { a: 'b', b: 'c' });
    assert.deepEqual(mergePatch({ a: 'b' }, { a: null }), {});
    assert.deepEqual(mergePatch({ a: [{ b: 'c' }] }, { a: [1] }), { a: [1] });
    assert.deepEqual(mergePatch({ e: null }, { a: 1 }), { e: null, a: 1 });
    assert.deepEqual(mergePatch({}, { a: { bb: { ccc: null } } }), { a: { bb: {} } });
  });
  test('bad JSON is a 400 and parameters on the content type are fine', () => {
    assertStatus(() => applyPatch(deployment(), '{nope', 'application/merge-patch+json'), 400, 'BadRequest', 'Invalid JSON Patch');
    assert.equal((applyPatch(deployment(), '{"spec":{"replicas":5}}', 'application/merge-patch+json; charset=utf-8') as any).spec.replicas, 5);
  });
});

describe('strategic merge patch', () => {
  test('kubectl rollout restart body adds the annotation and keeps everything else', () => {
    const body = mutateFixture('rollout-restart-patch-kubectl.json');
    const out = applyPatch(deployment(), body, 'application/strategic-merge-patch+json') as any;
    const want = JSON.parse(body).spec.template.metadata.annotations;
    assert.deepEqual(out.spec.template.metadata.annotations, want);
    assert.deepEqual(out.spec.template.metadata.labels, { app: 'web' });
    assert.equal(out.spec.template.spec.containers.length, 2);
  });
  test('containers, env and ports merge by their keys; other lists replace', () => {
    const patch = {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'app', image: 'nginx:1.27', env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }], ports: [{ containerPort: 443 }], args: ['--b'] },
              { name: 'new', image: 'busybox' },
            ],
            tolerations: [{ key: 'y', operator: 'Exists' }],
          },
        },
      },
    };
    const out = applyPatch(deployment(), JSON.stringify(patch), 'application/strategic-merge-patch+json') as any;
    const [app, sidecar, added] = out.spec.template.spec.containers;
    assert.equal(app.image, 'nginx:1.27');
    assert.deepEqual(app.env, [{ name: 'A', value: '1' }, { name: 'B', value: '3' }, { name: 'C', value: '4' }]);
    assert.deepEqual(app.ports, [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443 }]);
    assert.deepEqual(app.args, ['--b']);
    assert.deepEqual(sidecar, { name: 'sidecar', image: 'envoy:1' });
    assert.deepEqual(added, { name: 'new', image: 'busybox' });
    assert.deepEqual(out.spec.template.spec.tolerations, [{ key: 'y', operator: 'Exists' }]);
  });
  test('directives: $patch delete in lists and maps, $patch replace, $setElementOrder ignored, primitive merge', () => {
    const patch = {
      metadata: { finalizers: ['b'], labels: { $patch: 'replace', only: 'this' } },
      spec: {
        selector: { $patch: 'delete' },
        template: {
          spec: {
            $setElementOrder$containers: [{ name: 'app' }],
            '$setElementOrder/containers': [{ name: 'app' }],
            containers: [{ name: 'sidecar', $patch: 'delete' }, { name: 'app', env: [{ name: 'A', $patch: 'delete' }] }],

          },
        },
      },
    };
    const out = applyPatch(deployment(), JSON.stringify(patch), 'application/strategic-merge-patch+json') as any;
    assert.deepEqual(out.metadata.finalizers, ['a', 'b']);
    assert.deepEqual(out.metadata.labels, { only: 'this' });
    assert.equal(out.spec.selector, undefined);
    assert.deepEqual(out.spec.template.spec.containers.map((c: any) => c.name), ['app']);
    assert.deepEqual(out.spec.template.spec.containers[0].env, [{ name: 'B', value: '2' }]);
    assert.equal(Object.keys(out.spec.template.spec).some((k) => k.startsWith('$')), false);
  });
  test('$retainKeys drops the keys it does not list (kubectl apply switching a strategy to Recreate)', () => {
    const d = deployment();
    (d.spec as any).strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } };
    const out = applyPatch(d, '{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}', 'application/strategic-merge-patch+json') as any;
    assert.deepEqual(out.spec.strategy, { type: 'Recreate' });
    assert.equal(out.spec.replicas, 2);
  });
  test('$deleteFromPrimitiveList removes values from a merged primitive list', () => {
    const out = applyPatch(deployment(), '{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}', 'application/strategic-merge-patch+json') as any;
    assert.deepEqual(out.metadata.finalizers, []);
  });
  test('service ports merge by port', () => {
    const svc: SimObject = { metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } };
    const out = applyPatch(svc, '{"spec":{"ports":[{"port":80,"targetPort":9090}]}}', 'application/strategic-merge-patch+json') as any;
    assert.deepEqual(out.spec.ports, [{ port: 80, targetPort: 9090 }, { port: 443 }]);
  });
  test('a custom resource refuses it with 415, listing what it accepts', () => {
    assertStatus(
      () => applyPatch({ metadata: { name: 'c' } }, '{}', 'application/strategic-merge-patch+json', { custom: true }),
      415,
      'UnsupportedMediaType',
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    );
    assert.equal((applyPatch({ metadata: { name: 'c' } }, '{"spec":{"a":1}}', 'application/merge-patch+json', { custom: true }) as any).spec.a, 1);
  });
  test('unknown patch types are a 415, non-object bodies a 400', () => {
    assertStatus(() => applyPatch(deployment(), '{}', 'application/json'), 415, 'UnsupportedMediaType');
    assertStatus(() => applyPatch(deployment(), '[1]', 'application/strategic-merge-patch+json'), 400, 'BadRequest');
  });
  test('apply patch YAML merges like a strategic patch', () => {
    const out = applyPatch(deployment(), 'spec:\n  replicas: 4\n', 'application/apply-patch+yaml') as any;
    assert.equal(out.spec.replicas, 4);
    assert.equal(out.spec.template.spec.containers.length, 2);
  });
});

describe('JSON patch (RFC 6902)', () => {
  const jp = (ops: unknown[]) => applyPatch(deployment(), JSON.stringify(ops), 'application/json-patch+json') as any;

  test('add, remove, replace, move, copy, test', () => {
    const out = jp([
      { op: 'test', path: '/spec/replicas', value: 2 },
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/metadata/annotations', value: { 'a~b/c': 'x' } },
      { op: 'add', path: '/spec/template/spec/containers/0/env/-', value: { name: 'Z', value: '9' } },
      { op: 'add', path: '/spec/template/spec/containers/0/env/0', value: { name: 'FIRST' } },
      { op: 'remove', path: '/spec/template/spec/containers/1' },
      { op: 'copy', from: '/metadata/labels', path: '/metadata/copied' },
      { op: 'move', from: '/metadata/copied', path: '/spec/moved' },
      { op: 'test', path: '/metadata/annotations/a~0b~1c', value: 'x' },
    ]);
    assert.equal(out.spec.replicas, 3);
    assert.deepEqual(out.metadata.annotations, { 'a~b/c': 'x' });
    assert.deepEqual(out.spec.template.spec.containers[0].env.map((e: any) => e.name), ['FIRST', 'A', 'B', 'Z']);
    assert.equal(out.spec.template.spec.containers.length, 1);
    assert.equal(out.metadata.copied, undefined);
    assert.deepEqual(out.spec.moved, { app: 'web' });
  });

  test('operations that do not apply give the real 422', () => {
    const message = 'the server rejected our request due to an error in our request';
    for (const ops of [
      [{ op: 'test', path: '/spec/replicas', value: 5 }],
      [{ op: 'remove', path: '/spec/nope' }],
      [{ op: 'replace', path: '/spec/nope', value: 1 }],
      [{ op: 'add', path: '/spec/nope/deeper', value: 1 }],
      [{ op: 'add', path: '/spec/template/spec/containers/9', value: {} }],
      [{ op: 'move', from: '/spec', path: '/spec/inner' }],
      [{ op: 'frobnicate', path: '/spec' }],
    ]) {
      assertStatus(() => jp(ops), 422, 'Invalid', message);
    }
    // A failed operation leaves the stored object alone.
    const d = deployment();
    assertStatus(() => applyPatch(d, '[{"op":"replace","path":"/spec/replicas","value":9},{"op":"test","path":"/x","value":1}]', 'application/json-patch+json'), 422, 'Invalid');
    assert.equal((d.spec as any).replicas, 2);
  });

  test('a body that is not a patch document is a 400', () => {
    assertStatus(() => applyPatch(deployment(), '{"op":"add"}', 'application/json-patch+json'), 400, 'BadRequest');
    assertStatus(() => applyPatch(deployment(), 'not json', 'application/json-patch+json'), 400, 'BadRequest');
  });

  test('already-parsed bodies and byte bodies are accepted', () => {
    assert.equal((applyPatch(deployment(), [{ op: 'replace', path: '/spec/replicas', value: 7 }], 'application/json-patch+json') as any).spec.replicas, 7);
    assert.equal((applyPatch(deployment(), new TextEncoder().encode('{"spec":{"replicas":8}}'), 'application/merge-patch+json') as any).spec.replicas, 8);
  });
});
