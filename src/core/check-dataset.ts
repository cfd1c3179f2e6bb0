// The dataset checks that span files: a measure against its list (class policies, the asOf
// rule), duplicate ids, unknown lists and entities, an unambiguous alias claimed twice.
import type { Dataset, Entity, ListDef, Measure } from './dataset.ts';
import { nameKey } from './normalize.ts';
import { compareDates, isPartialDate, recordName, shown, type DatasetProblem } from './problems.ts';

/**
 * What a measure owes its list. A `class-policy` names nobody: no `listedAs`, and `reportedBy`
 * cites the reporting that says it covers the entity; every other kind names the entity. And the
 * `asOf` rule: no fact on a list (the measure's dates, its citation's, its reporting's) is newer
 * than the list's `asOf`, the date of our knowledge of it.
 */
function checkMeasureOnList(m: Measure, list: ListDef, f: string, fail: (field: string, message: string) => void): void {
  if (list.kind === 'class-policy') {
    if (m.listedAs !== undefined) fail(`${f}.listedAs`, `must be absent: list ${shown(list.id)} is a class policy, which names no company`);
    if (!m.reportedBy || m.reportedBy.length === 0) fail(`${f}.reportedBy`, `required on a class policy (list ${shown(list.id)}): the reporting that says it covers this entity`);
  } else if (m.listedAs === undefined) {
    fail(`${f}.listedAs`, 'required non-empty string');
  }
  if (!list.asOf || !isPartialDate(list.asOf)) return;
  const facts: Array<[string, string | undefined]> = [
    ['since', m.since], ['removed', m.removed], ['citation.date', m.citation.date],
    ...(m.reportedBy ?? []).map((c, i): [string, string | undefined] => [`reportedBy[${i}].date`, c.date]),
  ];
  for (const [field, date] of facts) {
    if (date && isPartialDate(date) && compareDates(date, list.asOf) > 0) {
      fail(`${f}.${field}`, `${date} is newer than the asOf date of list ${shown(list.id)} (${list.asOf}, data/lists.json): raise the list's asOf, or leave the fact out`);
    }
  }
}

/**
 * Checks what spans files: duplicate ids, unknown list ids, dangling entity references, and an
 * unambiguous alias claimed by two entities (the matcher could not tell them apart).
 */
export function checkDataset(lists: Array<{ file: string; list: ListDef }>, entities: Array<{ file: string; entity: Entity }>, problems: DatasetProblem[]): Dataset {
  const listIds = new Map<string, string>();
  const listDefs = new Map<string, ListDef>();
  for (const { file, list } of lists) {
    // A missing id is reported where it is read; two of them are not "duplicates".
    if (list.id && listIds.has(list.id)) problems.push({ file, record: recordName('list', list.id, ''), field: 'id', message: `duplicate list id (also in ${listIds.get(list.id)})` });
    listIds.set(list.id, file);
    if (!listDefs.has(list.id)) listDefs.set(list.id, list);
  }
  const entityIds = new Map<string, string>();
  for (const { file, entity } of entities) {
    if (entity.id && entityIds.has(entity.id)) problems.push({ file, record: recordName('entity', entity.id, ''), field: 'id', message: `duplicate entity id (also in ${entityIds.get(entity.id)})` });
    entityIds.set(entity.id, file);
  }
  const aliasOwner = new Map<string, { id: string; ambiguous: boolean }>();
  for (const { file, entity } of entities) {
    const record = recordName('entity', entity.id || undefined, '(no id)');
    const fail = (field: string, message: string) => problems.push({ file, record, field, message });
    entity.measures.forEach((m, i) => {
      const list = listDefs.get(m.list);
      if (m.list && !list) fail(`measures[${i}].list`, `unknown list id ${shown(m.list)} (declare it in data/lists.json)`);
      if (list) checkMeasureOnList(m, list, `measures[${i}]`, fail);
    });
    const refs: Array<[string, string | undefined]> = [
      ...entity.related.map((x, i): [string, string] => [`related[${i}].entity`, x.entity]),
      ...entity.claims.flatMap((c, i): Array<[string, string | undefined]> => [
        [`claims[${i}].byEntity`, c.byEntity],
        ...c.counterClaims.map((cc, j): [string, string | undefined] => [`claims[${i}].counterClaims[${j}].byEntity`, cc.byEntity]),
      ]),
    ];
    for (const [field, ref] of refs) {
      if (ref !== undefined && !entityIds.has(ref)) fail(field, `refers to unknown entity ${shown(ref)}`);
    }
    entity.related.forEach((x, i) => {
      if (x.entity === entity.id) fail(`related[${i}].entity`, 'an entity cannot be related to itself');
    });
    entity.aliases.forEach((a, i) => {
      const key = nameKey(a.text);
      const prev = aliasOwner.get(key);
      if (prev && prev.id !== entity.id && !(prev.ambiguous && a.ambiguous)) {
        fail(`aliases[${i}].text`, `${shown(a.text)} is also an alias of ${shown(prev.id)}; mark it ambiguous in both or keep it in one`);
      }
      if (!prev) aliasOwner.set(key, { id: entity.id, ambiguous: a.ambiguous === true });
    });
  }
  const all = lists.map((l) => l.list);
  const asOf = all.map((l) => l.asOf).filter(Boolean).sort().pop() ?? '';
  return { asOf, lists: all, entities: entities.map((e) => e.entity).sort((a, b) => a.id.localeCompare(b.id)) };
}
