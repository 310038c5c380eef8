import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowHealth } from '../../src/ui-state/health.js';
import { row, POD_COLUMNS } from './helpers/fakes.js';

test('row health from the printed status', () => {
  assert.equal(rowHealth(row('a', { status: 'Running' }), POD_COLUMNS), 'ok');
  assert.equal(rowHealth(row('a', { status: 'CrashLoopBackOff' }), POD_COLUMNS), 'failing');
  assert.equal(rowHealth(row('a', { status: 'Pending' }), POD_COLUMNS), 'pending');
  assert.equal(rowHealth(row('a', { status: 'Completed' }), POD_COLUMNS), 'completed');
  assert.equal(rowHealth(row('a', { status: 'Running', ready: '0/1' }), POD_COLUMNS), 'pending');
  assert.equal(rowHealth({ ...row('a', { status: 'Running' }), deletionTimestamp: '2026-01-01T00:00:00Z' }, POD_COLUMNS), 'terminating');
});

test('painting and Ctrl-Z read one judgement: a condition Status "True" is healthy for both', async () => {
  const { faultPredicate } = await import('../../src/store/row-order.js');
  const cols = [{ name: 'Name', type: 'string', format: 'name', description: '', priority: 0 }, { name: 'Status', type: 'string', format: '', description: '', priority: 0 }];
  const statuses = ['True', 'False', 'Running', 'CrashLoopBackOff', 'Pending', 'Completed', 'Init:0/1', 'Terminating', 'Ready,SchedulingDisabled', ''];
  const fault = faultPredicate(cols);
  for (const status of statuses) {
    const r = { ...row('x'), cells: ['x', status] };
    const h = rowHealth(r, cols);
    assert.equal(fault(r), h !== 'ok' && h !== 'completed', `${status}: painted ${h} but faultsOnly says ${fault(r)}`);
  }
  assert.equal(rowHealth({ ...row('x'), cells: ['x', 'True'] }, cols), 'ok');
  assert.equal(rowHealth({ ...row('x'), cells: ['x', 'False'] }, cols), 'failing');
});
