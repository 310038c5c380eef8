// The slice of the data engine (src/api, src/watch, src/store) the dashboard reads, as structural types.
// The real classes satisfy these; component tests pass small in-memory fakes. Keeping the UI on this narrow
// surface means a change inside the engine never ripples into components.
import type { ApiStatusError, KdeckError } from '../errors.js';

export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  categories: string[];
}

export interface CatalogueView {
  resolve(name: string): ResourceRef | undefined;
  all(): ResourceRef[];
  completions(prefix: string): string[];
}

export interface TableColumn {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface Row {
  uid: string;
  namespace?: string;
  name: string;
  cells: unknown[];
  labels: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  ownerUids: string[];
  resourceVersion: string;
}

export interface SortSpec {
  column: string;
  descending: boolean;
}
export interface FilterSpec {
  text: string;
  regex: boolean;
  invert: boolean;
}

export interface RowView {
  readonly length: number;
  rows(start: number, end: number): Row[];
  indexOfUid(uid: string): number;
}

export interface RowStoreView {
  readonly columns: TableColumn[];
  readonly size: number;
  countsByNamespace(): Map<string, number>;
  view(opts: { sort?: SortSpec; filter?: FilterSpec; faultsOnly?: boolean }): RowView;
}

export type InformerState =
  | { phase: 'syncing'; since: number }
  | { phase: 'live'; since: number }
  | { phase: 'reconnecting'; attempt: number; nextTryAt: number; staleSince: number; lastError?: KdeckError }
  | { phase: 'stale'; staleSince: number; reason: string }
  | { phase: 'forbidden'; error: ApiStatusError }
  | { phase: 'unauthenticated'; error: KdeckError }
  | { phase: 'failed'; error: KdeckError };

export interface InformerChange {
  added: number;
  updated: number;
  removed: number;
  reset: boolean;
}

export interface InformerKey {
  context: string;
  resource: ResourceRef;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface InformerView {
  readonly key: InformerKey;
  readonly store: RowStoreView;
  state(): InformerState;
  subscribe(fn: (c: InformerChange) => void): () => void;
}

export interface InformerLease {
  informer: InformerView;
  release(): void;
}
