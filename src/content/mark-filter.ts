// What the page leaves unmarked: the aliases the reader rejected on this site ("Not this company")
// and the entities the reader's settings hide (docs/decisions/0009-settings.md). A scan skips
// them and the store drops them; both lists go through this one test.

const rejectionKey = (entity: string, alias: string) => `${entity}\u0000${alias}`;
/** Whether `next` leaves out a key `prev` had. */
const restores = (prev: Set<string>, next: Set<string>) => [...prev].some((k) => !next.has(k));

export class MarkFilter {
  private rejected = new Set<string>();
  private hidden = new Set<string>();

  /** Whether a match of `alias` for `entity` stays unmarked. */
  excludes(entity: string, alias: string): boolean {
    return this.rejected.has(rejectionKey(entity, alias)) || this.hidden.has(entity);
  }

  /** Replaces the rejected aliases; true when one was taken off the list (its mentions come back on a rescan). */
  setRejected(list: ReadonlyArray<{ entity: string; alias: string }>): boolean {
    const next = new Set(list.map((r) => rejectionKey(r.entity, r.alias)));
    const restored = restores(this.rejected, next);
    this.rejected = next;
    return restored;
  }

  /** Replaces the hidden entities; true when one was shown again (its mentions come back on a rescan). */
  setHiddenEntities(ids: readonly string[]): boolean {
    const next = new Set(ids);
    const restored = restores(this.hidden, next);
    this.hidden = next;
    return restored;
  }
}
