// React keys for the rows of the table window. Keyed by uid, a frame in which every row is new (a context flip, a
// page down, another filter or sort) unmounted every row's Ink node and mounted a new one, a yoga node each: about a
// sixth of a flip's frame. A window that shares no row with the last one takes the last one's keys, in the order
// they were painted, so the same nodes take the new text and none moves; a window that shares rows keeps their keys
// and gives new rows new keys, exactly as keying by uid did (reusing a key there would make React move nodes:
// a scroll up by one would move every row below the new one).

export class RowSlots {
  /** uid → key, as last assigned. */
  private byUid = new Map<string, number>();
  /** The keys of the last window, top to bottom. */
  private order: number[] = [];
  private next = 0;

  /** One key per uid of the window, top to bottom, unique within it (a uid given twice gets two keys). */
  assign(uids: readonly string[]): number[] {
    const shares = uids.some((uid) => this.byUid.has(uid));
    const used = new Set<number>();
    const byUid = new Map<string, number>();
    const out = uids.map((uid, i) => {
      let key = shares ? this.byUid.get(uid) : this.order[i];
      if (key === undefined || used.has(key)) key = this.next++;
      used.add(key);
      if (!byUid.has(uid)) byUid.set(uid, key);
      return key;
    });
    this.byUid = byUid;
    this.order = out;
    return out;
  }

  /** The rows with their keys. */
  keyed<T extends { uid: string }>(rows: readonly T[]): (T & { key: number })[] {
    const keys = this.assign(rows.map((r) => r.uid));
    return rows.map((r, i) => ({ ...r, key: keys[i]! }));
  }
}
