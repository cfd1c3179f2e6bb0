// A tab's companies, gathered from the content script of each of its frames (the top page and
// its iframes report apart). Pure, so the background's bookkeeping is unit-tested.

export interface TabRecord {
  /** The site of the tab's top page: frames follow its pause and "Not this company" settings. */
  site: string;
  /** Frame id (as a string: storage keys) → the entity ids that frame reported, in page order. */
  frames: Record<string, string[]>;
}

/** A new page in the tab's top frame: every earlier report is gone with the old page. */
export function newPage(site: string): TabRecord {
  return { site, frames: {} };
}

/** The record with one frame's report replaced (an empty report removes the frame). */
export function withFrame(rec: TabRecord, frameId: number, entities: string[]): TabRecord {
  const frames = { ...rec.frames };
  if (entities.length === 0) delete frames[String(frameId)];
  else frames[String(frameId)] = [...entities];
  return { site: rec.site, frames };
}

/** Each company once, with the first frame naming it: the top frame first, then frames by id. */
export function tabCompanies(rec: TabRecord): Array<{ id: string; frameId: number }> {
  const seen = new Map<string, number>();
  const ids = Object.keys(rec.frames).map(Number).filter(Number.isInteger).sort((a, b) => a - b);
  for (const frameId of ids) for (const id of rec.frames[String(frameId)] ?? []) if (!seen.has(id)) seen.set(id, frameId);
  return [...seen].map(([id, frameId]) => ({ id, frameId }));
}
