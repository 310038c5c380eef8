// describe: the text `kubectl describe` prints for an object, from the object and what gather.ts fetched.
import { PrefixWriter } from './writer.js';
import { DESCRIBERS, type DescribeInputs } from './kinds.js';
import { describeGeneric } from './generic.js';

export type { DescribeInputs } from './kinds.js';

/** Kinds with their own describer; every other kind (and every CRD) gets the generic one. */
export const DESCRIBED_KINDS = Object.keys(DESCRIBERS);

export function describeObject(inputs: DescribeInputs): string {
  const w = new PrefixWriter();
  const kind = String(inputs.object.kind ?? '');
  // Core kinds only: a CRD that happens to be called "Pod" in another group is described generically.
  const group = String(inputs.object.apiVersion ?? '').includes('/') ? String(inputs.object.apiVersion).split('/')[0] : '';
  const own = DESCRIBERS[kind] && ['', 'apps', 'batch'].includes(group) ? DESCRIBERS[kind] : undefined;
  (own ?? describeGeneric)(w, inputs);
  return w.toString();
}
