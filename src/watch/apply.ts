// Applying what the list/watch loop decoded to the store, and telling subscribers what changed. The loop in
// informer.ts decides what to request and when; this decides what a page, an event or a finished list means for
// the rows. The one reconcile-after-list lives here: a (paged or streamed) list upserts what it sees, and at its
// end every row it did not see is removed, so a relist never flashes empty and unchanged rows keep their identity.
import type { Row, TableColumn } from '../api/row.js';
import type { RowStore } from '../store/row-store.js';

export interface ChangeCounts {
  added: number;
  updated: number;
  removed: number;
  /** The rows were (re)listed: a subscriber may want to re-anchor its cursor. */
  reset: boolean;
}

/** A list in progress: rows it mentions are kept, the rest go when it finishes. */
export interface Relist {
  upsert(row: Row): void;
  /** A batch (a streamed piece of a list page): one change notification for all of it. */
  upsertAll(rows: Row[]): void;
  remove(uid: string): void;
  /** Removes every row the list did not mention; reports the whole list as a reset. */
  finish(): void;
}

export class StoreApplier {
  constructor(
    readonly store: RowStore,
    /** Called with every non-empty change (the informer coalesces them into notifications). */
    private readonly changed: (c: ChangeCounts) => void,
  ) {}

  setColumns(columns: TableColumn[]): void {
    this.store.setColumns(columns);
  }

  upsert(row: Row): void {
    const r = this.store.upsert(row);
    if (r === 'added') this.changed({ added: 1, updated: 0, removed: 0, reset: false });
    else if (r === 'updated') this.changed({ added: 0, updated: 1, removed: 0, reset: false });
  }

  remove(uid: string): void {
    if (this.store.remove(uid)) this.changed({ added: 0, updated: 0, removed: 1, reset: false });
  }

  relist(): Relist {
    // Into an empty store (the first list) every row is new and none can be left over: nothing to track.
    const seen = this.store.size > 0 ? new Set<string>() : undefined;
    const upsertAll = (rows: Row[]) => {
      let added = 0;
      let updated = 0;
      for (const row of rows) {
        seen?.add(row.uid);
        const r = this.store.upsert(row);
        if (r === 'added') added++;
        else if (r === 'updated') updated++;
      }
      this.changed({ added, updated, removed: 0, reset: false });
    };
    return {
      upsert: (row) => upsertAll([row]),
      upsertAll,
      remove: (uid) => {
        seen?.delete(uid);
        this.remove(uid);
      },
      finish: () => {
        let removed = 0;
        if (seen) {
          for (const row of [...this.store.values()]) {
            if (seen.has(row.uid)) continue;
            this.store.remove(row.uid);
            removed++;
          }
        }
        this.changed({ added: 0, updated: 0, removed, reset: true });
      },
    };
  }
}
