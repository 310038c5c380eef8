// Generates src/simulator/openapi/definitions.json: the schemas of the built-in kinds the simulator serves, for
// its OpenAPI v2 and v3 documents (kubectl explain, kubectl apply's validation and patch metadata).
// Source: the model classes of @kubernetes/client-node (generated from the Kubernetes OpenAPI spec): property
// names, types and formats from each class's attributeTypeMap, descriptions and required fields from its .d.ts.
// Run: node scripts/gen-openapi-schemas.mjs   (after changing the catalogue or upgrading client-node)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const MODELS = join(dirname(require.resolve('@kubernetes/client-node/package.json')), 'dist/gen/models');

// The kinds served (group, version, kind), core first so shared types get the core package.
const ROOTS = [
  ...['Binding', 'ComponentStatus', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'Namespace', 'Node', 'PersistentVolumeClaim', 'PersistentVolume', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota', 'Secret', 'ServiceAccount', 'Service'].map((k) => ['', 'v1', k]),
  ...['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'].map((k) => ['apps', 'v1', k]),
  ['events.k8s.io', 'v1', 'Event'],
  ['authentication.k8s.io', 'v1', 'SelfSubjectReview'],
  ['authentication.k8s.io', 'v1', 'TokenReview'],
  ['authentication.k8s.io', 'v1', 'TokenRequest'],
  ...['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'].map((k) => ['authorization.k8s.io', 'v1', k]),
  ['autoscaling', 'v2', 'HorizontalPodAutoscaler'],
  ['autoscaling', 'v1', 'HorizontalPodAutoscaler'],
  ['autoscaling', 'v1', 'Scale'],
  ['batch', 'v1', 'CronJob'],
  ['batch', 'v1', 'Job'],
  ...['IngressClass', 'Ingress', 'NetworkPolicy'].map((k) => ['networking.k8s.io', 'v1', k]),
  ['policy', 'v1', 'PodDisruptionBudget'],
  ['policy', 'v1', 'Eviction'],
  ...['ClusterRoleBinding', 'ClusterRole', 'RoleBinding', 'Role'].map((k) => ['rbac.authorization.k8s.io', 'v1', k]),
  ['storage.k8s.io', 'v1', 'StorageClass'],
  ['apiextensions.k8s.io', 'v1', 'CustomResourceDefinition'],
  ['scheduling.k8s.io', 'v1', 'PriorityClass'],
  ['coordination.k8s.io', 'v1', 'Lease'],
  ['discovery.k8s.io', 'v1', 'EndpointSlice'],
];

const META = new Set(['ObjectMeta', 'ListMeta', 'LabelSelector', 'LabelSelectorRequirement', 'OwnerReference', 'ManagedFieldsEntry', 'Condition', 'Status', 'StatusDetails', 'StatusCause', 'DeleteOptions', 'Preconditions']);

function packageOf(group, version) {
  if (group === 'apiextensions.k8s.io') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}`;
  const name = group === '' ? 'core' : group === 'rbac.authorization.k8s.io' ? 'rbac' : group.split('.')[0];
  return `io.k8s.api.${name}.${version}`;
}

function classFor(group, version, kind) {
  const v = version[0].toUpperCase() + version.slice(1);
  const prefix = group === '' ? 'Core' : group.split('.')[0][0].toUpperCase() + group.split('.')[0].slice(1);
  for (const c of [`${v}${kind}`, `${prefix}${v}${kind}`]) {
    try {
      readFileSync(join(MODELS, `${c}.js`));
      return c;
    } catch {}
  }
  throw new Error(`no model class for ${group}/${version} ${kind}`);
}

/** Bare type name of a class: V1DeploymentSpec → DeploymentSpec, CoreV1EventSeries → EventSeries. */
const bareName = (cls) => cls.replace(/^[A-Z][a-z]+(?=V\d)/, '').replace(/^V\d+(?:(?:alpha|beta)\d+)?/, '');

function attributes(cls) {
  const js = readFileSync(join(MODELS, `${cls}.js`), 'utf8');
  const m = /attributeTypeMap = (\[[\s\S]*?\]);/.exec(js);
  return m ? JSON.parse(m[1]) : [];
}

function docs(cls) {
  const dts = readFileSync(join(MODELS, `${cls}.d.ts`), 'utf8');
  const lines = dts.split('\n');
  const props = new Map();
  let comment = [];
  let inComment = false;
  let classDoc = '';
  for (const line of lines) {
    const t = line.trim();
    if (t.startsWith('/**')) { inComment = true; comment = []; continue; }
    if (inComment) {
      if (t.startsWith('*/')) { inComment = false; continue; }
      comment.push(t.replace(/^\* ?/, ''));
      continue;
    }
    if (t.startsWith('export declare class')) { classDoc = comment.join('\n'); comment = []; continue; }
    const p = /^'([^']+)'(\?)?:/.exec(t);
    if (p) {
      props.set(p[1], { description: comment.join('\n').trim(), optional: p[2] === '?' });
      comment = [];
    } else if (t) comment = [];
  }
  return { classDoc: classDoc.trim(), props };
}

const MERGE = { containers: 'name', initContainers: 'name', ephemeralContainers: 'name', env: 'name', volumes: 'name', volumeMounts: 'mountPath', volumeDevices: 'devicePath', imagePullSecrets: 'name', ownerReferences: 'uid', conditions: 'type', hostAliases: 'ip', topologySpreadConstraints: 'topologyKey', resourceClaims: 'name', schedulingGates: 'name', podIPs: 'ip', hostIPs: 'ip' };

const defs = {};
const nameOf = new Map(); // class → definition name
const queue = [];

function defName(cls, pkg) {
  if (nameOf.has(cls)) return nameOf.get(cls);
  const bare = bareName(cls);
  const name = META.has(bare) ? `io.k8s.apimachinery.pkg.apis.meta.v1.${bare}` : `${pkg}.${bare}`;
  nameOf.set(cls, name);
  queue.push([cls, name, pkg]);
  return name;
}

function typeSchema(type, format, pkg, field) {
  if (type === 'string') return format === 'byte' ? { type: 'string', format: 'byte' } : { type: 'string' };
  if (type === 'number') return { type: format === 'double' ? 'number' : 'integer', ...(format ? { format } : {}) };
  if (type === 'boolean') return { type: 'boolean' };
  if (type === 'Date') return { $ref: field === 'eventTime' ? 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime' : 'io.k8s.apimachinery.pkg.apis.meta.v1.Time' };
  if (type === 'V1MicroTime') return { $ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime' };
  if (type === 'IntOrString') return { $ref: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString' };
  if (type === 'any' || type === 'object') return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  let m = /^Array<(.+)>$/.exec(type);
  if (m) return { type: 'array', items: typeSchema(m[1], '', pkg, field) };
  m = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (m) return { type: 'object', additionalProperties: typeSchema(m[1], '', pkg, field) };
  return { $ref: defName(type, pkg) };
}

for (const [group, version, kind] of ROOTS) {
  const cls = classFor(group, version, kind);
  const name = defName(cls, packageOf(group, version));
  (defs[name] ??= {})['x-kubernetes-group-version-kind'] = [...(defs[name]?.['x-kubernetes-group-version-kind'] ?? []), { group, kind, version }];
  while (queue.length) {
    const [c, n, pkg] = queue.shift();
    const { classDoc, props } = docs(c);
    const properties = {};
    const required = [];
    for (const a of attributes(c)) {
      const doc = props.get(a.name) ?? { description: '', optional: true };
      let schema = typeSchema(a.type, a.format, pkg, a.baseName);
      if (doc.description) schema = { ...schema, description: doc.description };
      const key = a.baseName === 'ports' ? (c.includes('Container') ? 'containerPort' : c.includes('Service') ? 'port' : undefined) : MERGE[a.baseName];
      if (schema.type === 'array' && key && schema.items.$ref) Object.assign(schema, { 'x-kubernetes-patch-merge-key': key, 'x-kubernetes-patch-strategy': 'merge' });
      if (a.baseName === 'finalizers') Object.assign(schema, { 'x-kubernetes-patch-strategy': 'merge' });
      properties[a.baseName] = schema;
      if (!doc.optional) required.push(a.baseName);
    }
    defs[n] = { ...(classDoc ? { description: classDoc } : {}), type: 'object', ...(required.length ? { required } : {}), properties, ...(defs[n] ?? {}) };
  }
}
defs['io.k8s.apimachinery.pkg.apis.meta.v1.Time'] = { description: 'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.', type: 'string', format: 'date-time' };
defs['io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime'] = { description: 'MicroTime is version of Time with microsecond level precision.', type: 'string', format: 'date-time' };
defs['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = { description: 'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.', type: 'string', format: 'int-or-string' };

const sorted = Object.fromEntries(Object.keys(defs).sort().map((k) => [k, defs[k]]));
writeFileSync(new URL('../src/simulator/openapi/definitions.json', import.meta.url), JSON.stringify(sorted) + '\n');
console.log(`${Object.keys(sorted).length} definitions`);
const seen = new Map();
for (const [cls, name] of nameOf) {
  if (seen.has(name)) throw new Error(`${cls} and ${seen.get(name)} both became ${name}`);
  seen.set(name, cls);
}
