import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  builtinCatalogue,
  catalogueWithCrds,
  compareKubeVersions,
  findByKey,
  findResource,
  findSubresource,
  resourceKey,
} from '../../../src/simulator/resources.js';
import {
  discoveryContentType,
  negotiateDiscovery,
  negotiateDiscoveryResponse,
  renderAggregatedDiscovery,
  renderApiGroupList,
  renderApiResourceList,
  renderApiVersions,
} from '../../../src/simulator/discovery.js';
import type { SimObject } from '../../../src/simulator/types.js';

const fixture = (name: string) => JSON.parse(readFileSync(`/work/shared/fixtures/discovery/${name}`, 'utf8'));

// kubectl's Accept headers (apiserver-protocol.md §6).
const ACCEPT_130 =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const ACCEPT_128 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

const cronTabCrd: SimObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'crontabs.stable.example.com' },
  spec: {
    group: 'stable.example.com',
    scope: 'Namespaced',
    names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'], categories: ['all'] },
    versions: [
      { name: 'v1beta1', served: true, storage: false },
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } },
        additionalPrinterColumns: [{ name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' }],
        selectableFields: [{ jsonPath: '.spec.color' }],
      },
      { name: 'v0', served: false, storage: false },
    ],
  },
};

describe('resource catalogue', () => {
  test('keys and lookups', () => {
    assert.equal(resourceKey('', 'pods'), 'pods');
    assert.equal(resourceKey('apps', 'deployments'), 'deployments.apps');
    const pods = findResource('', 'v1', 'pods');
    assert.ok(pods);
    assert.deepEqual(pods.shortNames, ['po']);
    assert.deepEqual(pods.categories, ['all']);
    assert.equal(findSubresource(pods, 'log')?.kind, 'Pod');
    const deploy = findByKey('deployments.apps');
    assert.equal(deploy?.kind, 'Deployment');
    assert.deepEqual(findSubresource(deploy!, 'scale'), {
      name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'],
    });
    assert.equal(findResource('apps', 'v1beta1', 'deployments'), undefined);
    const podMetrics = findResource('metrics.k8s.io', 'v1beta1', 'pods');
    assert.deepEqual(podMetrics?.verbs, ['get', 'list']);
    assert.deepEqual(findResource('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews')?.verbs, ['create']);
  });

  test('the resources the issue names are all served with list and watch', () => {
    const wanted = [
      'namespaces', 'nodes', 'pods', 'services', 'endpoints', 'configmaps', 'secrets', 'serviceaccounts', 'events',
      'persistentvolumes', 'persistentvolumeclaims', 'deployments.apps', 'replicasets.apps', 'statefulsets.apps',
      'daemonsets.apps', 'jobs.batch', 'cronjobs.batch', 'ingresses.networking.k8s.io',
      'customresourcedefinitions.apiextensions.k8s.io',
    ];
    for (const key of wanted) {
      const def = findByKey(key);
      assert.ok(def, key);
      assert.ok(def.verbs.includes('list') && def.verbs.includes('watch'), key);
    }
  });

  test('selfsubjectreviews: v1beta1 in 1.27, v1 from 1.28', () => {
    const versions = (minor: number) => builtinCatalogue(minor).filter((d) => d.plural === 'selfsubjectreviews').map((d) => d.version);
    assert.deepEqual(versions(27), ['v1beta1']);
    assert.deepEqual(versions(28), ['v1']);
    assert.deepEqual(versions(33), ['v1']);
  });

  test('kube-aware version order', () => {
    const sorted = ['v1beta1', 'v2alpha1', 'v1', 'foo', 'v2', 'v1alpha1', 'v11beta2'].sort(compareKubeVersions);
    assert.deepEqual(sorted, ['v2', 'v1', 'v11beta2', 'v1beta1', 'v2alpha1', 'v1alpha1', 'foo']);
  });

  test('a CRD adds one entry per served version, preferred first', () => {
    const cat = catalogueWithCrds([cronTabCrd]);
    const crontabs = cat.filter((d) => d.group === 'stable.example.com');
    assert.deepEqual(crontabs.map((d) => d.version), ['v1', 'v1beta1']);
    const v1 = crontabs[0]!;
    assert.equal(v1.custom, true);
    assert.equal(v1.namespaced, true);
    assert.equal(v1.listKind, 'CronTabList');
    assert.deepEqual(v1.shortNames, ['ct']);
    assert.deepEqual(v1.subresources.map((s) => s.name), ['scale', 'status']);
    assert.deepEqual(v1.selectableFields, ['spec.color']);
    assert.equal(v1.printerColumns?.[0]?.jsonPath, '.spec.cronSpec');
    assert.equal(v1.scalePaths?.specReplicasPath, '.spec.replicas');
    assert.equal(findResource('stable.example.com', 'v1', 'crontabs', cat), v1);
  });

  test('a malformed CRD adds nothing', () => {
    assert.deepEqual(catalogueWithCrds([{ metadata: { name: 'x' }, spec: {} }]).length, builtinCatalogue().length);
  });
});

describe('discovery negotiation', () => {
  test('kubectl 1.30+ gets v2 from a 1.30+ server', () => {
    assert.equal(negotiateDiscovery(ACCEPT_130, 33), 'v2');
    assert.equal(negotiateDiscovery(ACCEPT_130, 30), 'v2');
  });
  test('kubectl 1.30+ gets v2beta1 from a 1.27–1.29 server', () => {
    assert.equal(negotiateDiscovery(ACCEPT_130, 28), 'v2beta1');
    assert.equal(negotiateDiscovery(ACCEPT_130, 27), 'v2beta1');
  });
  test('kubectl 1.28 never gets v2, and gets legacy from a 1.33 server', () => {
    assert.equal(negotiateDiscovery(ACCEPT_128, 28), 'v2beta1');
    assert.equal(negotiateDiscovery(ACCEPT_128, 32), 'v2beta1');
    assert.equal(negotiateDiscovery(ACCEPT_128, 33), 'legacy');
  });
  test('plain JSON, wildcards and missing headers give legacy', () => {
    assert.equal(negotiateDiscovery('application/json, */*', 33), 'legacy');
    assert.equal(negotiateDiscovery('*/*', 33), 'legacy');
    assert.equal(negotiateDiscovery('', 33), 'legacy');
    assert.equal(negotiateDiscovery('application/json;as=Table;v=v1;g=meta.k8s.io,application/json', 33), 'legacy');
  });
  test('parameter order and q-values are honoured', () => {
    assert.equal(negotiateDiscovery('application/json;as=APIGroupDiscoveryList;v=v2;g=apidiscovery.k8s.io', 31), 'v2');
    assert.equal(negotiateDiscovery('application/json;q=0.5,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList', 31), 'v2');
  });
  test('content types', () => {
    assert.equal(discoveryContentType('v2'), 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    assert.equal(discoveryContentType('v2beta1'), 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList');
    assert.deepEqual(negotiateDiscoveryResponse(ACCEPT_128, 33), { format: 'legacy', contentType: 'application/json' });
  });
});

// Every entry of a (trimmed) fixture must appear in our document with the same fields, storageVersionHash aside.
function withoutHash<T extends object>(o: T): T {
  const { storageVersionHash: _ignored, ...rest } = o as T & { storageVersionHash?: string };
  return rest as T;
}

// The fixtures are trimmed: our entry must equal theirs, except that it may list more subresources.
function assertEntryCovers(mine: any, want: any, label: string) {
  assert.ok(mine, label);
  const { subresources: ours = [], ...rest } = mine;
  const { subresources: theirs = [], ...wantRest } = want;
  assert.deepEqual(rest, wantRest, label);
  for (const s of theirs) assert.deepEqual(ours.find((o: any) => o.subresource === s.subresource), s, `${label}/${s.subresource}`);
}

describe('legacy discovery documents', () => {
  const cat = builtinCatalogue(32);

  test('/api', () => {
    assert.deepEqual(renderApiVersions('10.0.0.1:6443'), fixture('api.json'));
  });

  test('/api/v1 matches the fixture entries', () => {
    const ours = renderApiResourceList(cat, '', 'v1') as { resources: { name: string }[] } & Record<string, unknown>;
    const want = fixture('api-v1.json');
    assert.equal(ours.kind, 'APIResourceList');
    assert.equal(ours.groupVersion, 'v1');
    assert.equal('apiVersion' in ours, false);
    for (const entry of want.resources) {
      const mine = ours.resources.find((r) => r.name === entry.name);
      assert.deepEqual(mine, withoutHash(entry), entry.name);
    }
    const names = ours.resources.map((r) => r.name);
    assert.deepEqual(names, [...names].sort(), 'entries are sorted by name');
  });

  test('/apis/apps/v1 matches the fixture entries', () => {
    const ours = renderApiResourceList(cat, 'apps', 'v1') as { resources: { name: string }[]; apiVersion: string };
    const want = fixture('apis-apps-v1.json');
    assert.equal(ours.apiVersion, 'v1');
    for (const entry of want.resources) {
      assert.deepEqual(ours.resources.find((r) => r.name === entry.name), withoutHash(entry), entry.name);
    }
  });

  test('/apis lists the fixture groups in the same relative order, preferred version first', () => {
    const ours = renderApiGroupList(cat) as { groups: { name: string }[] };
    const want = fixture('apis.json');
    const ourNames = ours.groups.map((g) => g.name);
    const positions = want.groups.map((g: { name: string }) => ourNames.indexOf(g.name));
    assert.ok(positions.every((p: number) => p >= 0), 'every fixture group is served');
    assert.deepEqual(positions, [...positions].sort((a, b) => a - b));
    for (const g of want.groups) assert.deepEqual(ours.groups.find((x) => x.name === g.name), g);
    assert.equal(ourNames.at(-1), 'metrics.k8s.io');
  });

  test('an unknown group/version renders nothing', () => {
    assert.equal(renderApiResourceList(cat, 'apps', 'v1beta1'), undefined);
  });
});

describe('aggregated discovery documents', () => {
  test('/api v2 matches the fixture entries', () => {
    const ours = renderAggregatedDiscovery(builtinCatalogue(32), 'api', 'v2') as any;
    const want = fixture('aggregated-api.json');
    assert.equal(ours.kind, want.kind);
    assert.equal(ours.apiVersion, want.apiVersion);
    assert.deepEqual(ours.metadata, {});
    assert.equal(ours.items.length, 1);
    assert.deepEqual(ours.items[0].metadata, want.items[0].metadata);
    const version = ours.items[0].versions[0];
    assert.equal(version.version, 'v1');
    assert.equal(version.freshness, 'Current');
    for (const r of want.items[0].versions[0].resources) {
      assertEntryCovers(version.resources.find((x: any) => x.resource === r.resource), r, r.resource);
    }
  });

  test('/apis v2 with a CRD matches the fixture entries', () => {
    const ours = renderAggregatedDiscovery(catalogueWithCrds([cronTabCrd], 32), 'apis', 'v2') as any;
    const want = fixture('aggregated-apis.json');
    const apps = ours.items.find((i: any) => i.metadata.name === 'apps');
    const wantDeploy = want.items[0].versions[0].resources[0];
    assertEntryCovers(apps.versions[0].resources.find((r: any) => r.resource === 'deployments'), wantDeploy, 'deployments');
    const crd = ours.items.find((i: any) => i.metadata.name === 'stable.example.com');
    assert.deepEqual(crd.versions.map((v: any) => v.version), ['v1', 'v1beta1']);
    const ct = crd.versions[1].resources[0];
    assert.deepEqual(ct, want.items[1].versions[0].resources[0], 'v1beta1 has no subresources, like the fixture');
    const names = ours.items.map((i: any) => i.metadata.name);
    assert.ok(names.indexOf('stable.example.com') > names.indexOf('discovery.k8s.io'));
    assert.equal(names.at(-1), 'metrics.k8s.io');
    const autoscaling = ours.items.find((i: any) => i.metadata.name === 'autoscaling');
    assert.deepEqual(autoscaling.versions.map((v: any) => v.version), ['v2', 'v1']);
  });

  test('v2beta1 differs only in apiVersion', () => {
    const cat = builtinCatalogue(28);
    const a = renderAggregatedDiscovery(cat, 'apis', 'v2') as any;
    const b = renderAggregatedDiscovery(cat, 'apis', 'v2beta1') as any;
    assert.equal(b.apiVersion, 'apidiscovery.k8s.io/v2beta1');
    assert.deepEqual({ ...b, apiVersion: a.apiVersion }, a);
  });
});
