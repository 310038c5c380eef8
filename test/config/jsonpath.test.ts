import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileJsonPath, jsonPathText } from '../../src/config/jsonpath.js';

const pod = {
  metadata: { name: 'web-1', labels: { app: 'web', 'app.kubernetes.io/name': 'shop' }, annotations: {} },
  spec: {
    nodeName: 'node-1',
    containers: [
      { name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }, { containerPort: 443 }] },
      { name: 'sidecar', image: 'envoy:1.30', ports: [] },
    ],
  },
  status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }], containerStatuses: [{ restartCount: 3 }, { restartCount: 0 }] },
};

function text(expr: string): string {
  const p = compileJsonPath(expr);
  assert.ok(typeof p !== 'string', `${expr}: ${p}`);
  return jsonPathText(p, pod);
}

test('the kubectl custom-columns subset', () => {
  const cases: [string, string][] = [
    ['.metadata.name', 'web-1'],
    ['{.metadata.name}', 'web-1'],
    ['metadata.name', 'web-1'],
    ['$.spec.nodeName', 'node-1'],
    ['.spec.containers[0].image', 'nginx:1.27'],
    ['.spec.containers[-1].name', 'sidecar'],
    ['.spec.containers[*].name', 'app,sidecar'],
    ['.spec.containers[0:1].name', 'app'],
    ['.spec.containers[*].ports[*].containerPort', '80,443'],
    [".metadata.labels['app.kubernetes.io/name']", 'shop'],
    ['.metadata.labels.app\\.kubernetes\\.io/name', 'shop'],
    ['.metadata.labels.*', 'web,shop'],
    ['..restartCount', '3,0'],
    ['.status.conditions[?(@.type=="Ready")].status', 'True'],
    [".spec.containers[?(@.name == 'sidecar')].image", 'envoy:1.30'],
    ['.status.containerStatuses[?(@.restartCount > 1)].restartCount', '3'],
    ['.spec.containers[?(@.ports)].name', 'app,sidecar'],
    ['.metadata.labels', '{"app":"web","app.kubernetes.io/name":"shop"}'],
    ['.spec.missing', '<none>'],
    ['.spec.containers[5].name', '<none>'],
    ['.metadata.name.deeper', '<none>'],
  ];
  for (const [expr, want] of cases) assert.equal(text(expr), want, expr);
});

test('paths kdeck cannot read say why', () => {
  assert.match(compileJsonPath('.spec[') as string, /unclosed/);
  assert.match(compileJsonPath('.spec[abc]') as string, /unknown selector/);
  assert.match(compileJsonPath('.a b') as string, /unexpected " "/);
});
