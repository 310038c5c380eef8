// A minimal OpenAPI v3 surface: /openapi/v3 (the index of group/versions) and /openapi/v3/<gv> with one PATCH
// operation per resource that declares the fieldValidation parameter. That is what kubectl checks to use
// server-side field validation (kubectl apply/create -f), so it needs no client-side schemas. No schemas are served:
// kubectl then computes apply patches from its compiled-in types.
import { createHash } from 'node:crypto';
import { groupVersion, type ResourceDef } from './resources.js';

function gvPath(def: Pick<ResourceDef, 'group' | 'version'>): string {
  return def.group === '' ? `api/${def.version}` : `apis/${def.group}/${def.version}`;
}

export function renderOpenApiIndex(catalogue: readonly ResourceDef[]): object {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const d of catalogue) {
    const p = gvPath(d);
    if (paths[p]) continue;
    const hash = createHash('sha512').update(groupVersion(d)).digest('hex').slice(0, 32).toUpperCase();
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash}` };
  }
  return { paths };
}

/** The document of one group/version ("api/v1", "apis/apps/v1"), or undefined when it is not served. */
export function renderOpenApiGroupVersion(catalogue: readonly ResourceDef[], path: string, minor: number): object | undefined {
  const defs = catalogue.filter((d) => gvPath(d) === path);
  if (defs.length === 0) return undefined;
  const paths: Record<string, object> = {};
  const param = (name: string, where: 'query' | 'path') => ({ name, in: where, ...(where === 'path' ? { required: true } : {}), schema: { type: 'string', uniqueItems: true } });
  for (const d of defs) {
    if (!d.verbs.includes('patch')) continue;
    const prefix = `/${path}${d.namespaced ? '/namespaces/{namespace}' : ''}/${d.plural}/{name}`;
    paths[prefix] = {
      patch: {
        description: `partially update the specified ${d.kind}`,
        operationId: `patch${d.kind}`,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: d.group, version: d.version, kind: d.kind },
        parameters: [param('dryRun', 'query'), param('fieldManager', 'query'), param('fieldValidation', 'query'), param('force', 'query')],
        responses: { '200': { description: 'OK' } },
      },
      parameters: [param('name', 'path'), ...(d.namespaced ? [param('namespace', 'path')] : [])],
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: `v1.${minor}.4` },
    paths,
    components: { schemas: {} },
  };
}
