import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { drillDown } from '../../../src/ui-state/views/index.js';
import { ref, row, POD_COLUMNS } from '../helpers/fakes.js';

describe('drill-down', () => {
  const selCols = [{ name: 'Name', type: 'string', format: 'name', description: '', priority: 0 }, { name: 'Selector', type: 'string', format: '', description: '', priority: 1 }];
  test('deployment → pods by selector; statefulset → pods by owner; node → field selector', () => {
    const dep = drillDown(ref('deployments', 'Deployment', 'apps'), { ...row('web'), namespace: 'team-a', cells: ['web', 'app=web'] }, selCols);
    assert.equal(dep.kind, 'push');
    assert.equal(dep.kind === 'push' && dep.view.labelSelector, 'app=web');
    assert.equal(dep.kind === 'push' && dep.view.namespace, 'team-a');
    const sts = drillDown(ref('statefulsets', 'StatefulSet', 'apps'), { ...row('db'), namespace: 'x', cells: ['db'] }, [selCols[0]]);
    assert.equal(sts.kind === 'push' && sts.view.ownerUid, 'uid-db');
    const node = drillDown(ref('nodes', 'Node', '', false), { ...row('n1'), cells: ['n1'] }, [selCols[0]]);
    assert.equal(node.kind === 'push' && node.view.fieldSelector, 'spec.nodeName=n1');
    assert.equal(node.kind === 'push' && node.view.namespace, undefined);
    const svc = drillDown(ref('services', 'Service'), { ...row('s'), cells: ['s', '<none>'] }, selCols);
    assert.equal(svc.kind, 'none');
    assert.equal(drillDown(ref('pods', 'Pod'), row('p'), POD_COLUMNS).kind, 'none');
  });
});
