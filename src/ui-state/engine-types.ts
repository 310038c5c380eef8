// The slice of the data engine (src/api, src/watch, src/store) the dashboard reads: the engine's own data types,
// plus narrow structural views of its classes.
// The real classes satisfy these; component tests pass small in-memory fakes. Keeping the UI on this narrow
// surface means a change inside the engine never ripples into components.
import type { ResourceRef } from '../api/catalogue.js';
import type { Row, TableColumn } from '../api/row.js';
import type { RowView, SortSpec, FilterSpec } from '../store/row-store.js';
import type { InformerChange, InformerKey, InformerState } from '../watch/informer.js';

export type { ResourceRef, Row, RowView, SortSpec, FilterSpec, TableColumn, InformerChange, InformerKey, InformerState };

export interface CatalogueView {
  resolve(name: string): ResourceRef | undefined;
  all(): ResourceRef[];
  completions(prefix: string): string[];
}

export interface RowStoreView {
  readonly columns: TableColumn[];
  readonly size: number;
  countsByNamespace(): Map<string, number>;
  /** ownerUid: only rows owned by it, from the store's owner index (a drill-down without a selector). */
  view(opts: { sort?: SortSpec; filter?: FilterSpec; faultsOnly?: boolean; ownerUid?: string }): RowView;
  /** Makes filter texts ahead of a `/` for about budgetMs; true when every row has one (search-texts.ts). */
  prepareSearchTexts?(budgetMs: number): boolean;
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
