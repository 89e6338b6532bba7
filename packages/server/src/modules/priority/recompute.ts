import { caseAgesWorkingDays, caseAgeWorkingDays, isVulnerability, normalizeVulnerabilities, priorityScore, priorityScoreOfCallers, type Urgency, type Vulnerability } from '@openline/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Dialect } from '../../db/database.js';
import { preparedQuery, type BoundStatement } from '../../lib/prepared-query.js';
import { runInTimeSlices, yieldToEventLoop } from '../../lib/time-slices.js';
import { loadWorkingCalendar } from '../calendar/load.js';
import { listJurisdictionIds } from '../jurisdictions/repository.js';
import { listOpenCaseCallers, listOpenCaseFlags, listOpenCases, updatePriorities } from './repository.js';
import { listAffectedVulnerabilities } from './vulnerability-repository.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Recomputes one case's priority from its urgency, the distinct callers on it and on the cases
 * merged into it (by blind index: anonymous contacts count as one caller), the vulnerability
 * flags staff confirmed, and its age in working days. How often any one person called never
 * enters (DESIGN §7).
 *
 * Flags are the confirmed ones stored in `case_vulnerabilities`, never the text detector's
 * suggestions (the text may mention a vulnerable neighbour). A parent counts its own flags and
 * those of the cases merged into it: a merge says they are one incident, so the vulnerable
 * person who called about the child is among the people the parent affects. Flags form a set,
 * so ten merged reports of one elderly household still add one flag's points: flags describe
 * who is affected, never how many calls were made.
 *
 * The family is read afresh, and its callers and flags are stored with the score
 * (`family_callers`, `family_flags`): every change to a family other than one merged report (an
 * operator's merge, an unmerge, an attached contact, flags confirmed) comes through here, so what a
 * later merge adds to is always this reading.
 */
export async function recomputeCasePriority(db: Db, c: { jurisdictionId: string; caseId: string }, now: Date = new Date()): Promise<number | null> {
  const [row] = await caseToScore.execute(db, c);
  if (!row) return null;
  // Every read names the case's jurisdiction: one partition when partitioned (ADR 0033).
  const family = { callers: await countFamilyCallers(db, c.jurisdictionId, c.caseId), flags: await listAffectedVulnerabilities(db, c.jurisdictionId, c.caseId) };
  return scoreAndStore(db, row, family, now);
}

/**
 * The parent's priority after one new report without flags is merged into it (unattended intake,
 * most appeals of a surge), read BEFORE the report is written: the statement that stores it, for
 * the report's own statement (openCase's `alongside`, one round trip on PostgreSQL: ADR 0080), or
 * 'recount' when only a recount after the report is written can tell. The family's callers as last
 * stored, plus one if this caller is not already in it, and its flags as stored (ADR 0076):
 * re-reading the family instead costs look-ups per merged report, so a surge of n reports of one
 * incident cost n²/2 (the recount alone was 544 µs of a 2.4 ms appeal after 20,000 appeals of 120
 * incidents). The same score as recomputeCasePriority, which runs instead when nothing is stored
 * yet (a case from before migration 0068, or one whose family moved) or the caller has no key
 * (whether the family already has an anonymous caller needs the recount). null: no such parent.
 *
 * On PostgreSQL the parent's row is locked first, so two drainers merging into it at once
 * count one after the other: each adds to the figure the other committed, and the second sees
 * the first's caller.
 */
export async function parentPriorityAfterMerge(
  db: Db,
  dialect: Dialect,
  o: { jurisdictionId: string; parentId: string; childId: string; callerKey: string | null; now: Date },
): Promise<BoundStatement | 'recount' | null> {
  const { callerKey } = o;
  // Sent together: the check is queued behind the lock on the transaction's connection, so it runs
  // (with a snapshot of its own) once the lock is held, without a turn back to the app in between.
  const [[row], known] = await Promise.all([
    (dialect === 'postgres' ? parentLocked : caseToScore).execute(db, { jurisdictionId: o.jurisdictionId, caseId: o.parentId }),
    callerKey === null ? Promise.resolve([]) : callerInFamily.execute(db, { jurisdictionId: o.jurisdictionId, callerKey, childId: o.childId, parentId: o.parentId }),
  ]);
  if (!row) return null;
  if (row.family_callers === null || row.family_flags === null || callerKey === null) return 'recount';
  const callers = Number(row.family_callers) + (known.length > 0 ? 0 : 1);
  const family = { callers, flags: storedFlags(row.family_flags) };
  return setPriority.bind(db, {
    jurisdictionId: row.jurisdictionId, caseId: row.id, priority: await scoreOf(db, row, family, o.now), familyCallers: family.callers, familyFlags: JSON.stringify(family.flags),
  });
}

type ScoredCase = {
  id: string; urgency: string; created_at: string; family_callers: number | null; family_flags: string | null; jurisdictionId: string; timezone: string;
};

async function scoreAndStore(db: Db, row: ScoredCase, family: { callers: number; flags: Vulnerability[] }, now: Date): Promise<number> {
  const score = await scoreOf(db, row, family, now);
  await setPriority.execute(db, { jurisdictionId: row.jurisdictionId, caseId: row.id, priority: score, familyCallers: family.callers, familyFlags: JSON.stringify(family.flags) });
  return score;
}

async function scoreOf(db: Db, row: ScoredCase, family: { callers: number; flags: Vulnerability[] }, now: Date): Promise<number> {
  const calendar = await loadWorkingCalendar(db, { id: row.jurisdictionId, timezone: row.timezone });
  return priorityScoreOfCallers({
    urgency: row.urgency as Urgency,
    callers: family.callers,
    vulnerabilities: family.flags,
    ageWorkingDays: caseAgeWorkingDays(new Date(row.created_at), now, calendar),
  }).score;
}

/** Codes a later version retired are left out, as listAffectedVulnerabilities leaves them out. */
function storedFlags(json: string): Vulnerability[] {
  const parsed: unknown = JSON.parse(json);
  return normalizeVulnerabilities(Array.isArray(parsed) ? parsed.filter((f): f is Vulnerability => typeof f === 'string' && isVulnerability(f)) : []);
}

/** Distinct callers of the case and its merged cases, as core counts them (anonymous contacts are one caller). */
async function countFamilyCallers(db: Db, jurisdictionId: string, caseId: string): Promise<number> {
  const [counted] = await callersOf.execute(db, { jurisdictionId, caseId });
  if (!counted) throw new Error(`case ${caseId}: no caller count`);
  return Number(counted.keyed) + (Number(counted.all) > Number(counted.withKey) ? 1 : 0);
}

// Every merge and attach recomputes a case (unattended intake: most appeals of a surge), so these
// are compiled once rather than built per appeal (lib/prepared-query.ts, issue 13 §2), and planned
// once on SQLite: each reads by key (fixedPlan, ADR 0071).
function scoredCase(db: Kysely<DB>, v: { jurisdictionId: string; caseId: string }) {
  return db
    .selectFrom('cases')
    .innerJoin('jurisdictions', 'jurisdictions.id', 'cases.jurisdiction_id')
    .select(['cases.id', 'cases.urgency', 'cases.created_at', 'cases.family_callers', 'cases.family_flags', 'jurisdictions.id as jurisdictionId', 'jurisdictions.timezone'])
    .where('cases.jurisdiction_id', '=', v.jurisdictionId)
    .where('cases.id', '=', v.caseId);
}

type CaseKey = { jurisdictionId: string; caseId: string };
const caseToScore = preparedQuery<CaseKey, ScoredCase>(['jurisdictionId', 'caseId'], scoredCase, { fixedPlan: true });

// The case's row only (OF cases: not the jurisdiction's, which every merge of the city reads), and
// NO KEY: inserting a case that refers to it (a new child's parent_id) is not held up.
const parentLocked = preparedQuery<CaseKey, ScoredCase>(['jurisdictionId', 'caseId'], (db, v) => scoredCase(db, v).forNoKeyUpdate('cases'));

// Is this caller already in the family, on a case other than the one just merged? Read from the
// caller's contacts (few), each checked for its case: as a join, SQLite walked the family instead
// (an OR of the parent's id and its children's, 294 µs for a family of 338 against 40 µs). The
// jurisdiction costs nothing more: each contact's row is read for its case anyway (ADR 0033).
const callerInFamily = preparedQuery<{ jurisdictionId: string; callerKey: string; childId: string; parentId: string }, { id: string }>(
  ['jurisdictionId', 'callerKey', 'childId', 'parentId'],
  function callerInFamilyStatement(db, v) {
    return db
      .selectFrom('contacts')
      .select('contacts.id')
      .where('contacts.caller_phone_bidx', '=', v.callerKey)
      .where('contacts.jurisdiction_id', '=', v.jurisdictionId)
      .where('contacts.case_id', '<>', v.childId)
      .where(({ exists, selectFrom }) => exists(
        selectFrom('cases')
          .select('cases.id')
          .whereRef('cases.id', '=', 'contacts.case_id')
          .where((eb) => eb.or([eb('cases.id', '=', v.parentId), eb('cases.parent_id', '=', v.parentId)])),
      ))
      .limit(1);
  },
  { fixedPlan: true },
);

// Counted where the contacts are: a parent of a surge has hundreds of merged reports, and each
// merge recounts it (ADR 0050). Contacts without a key count as one caller (core's rule). The
// case's own contacts and its children's are two index look-ups joined by UNION ALL (a contact
// is on one case, and no case is its own child, so nothing is counted twice): written as
// "case_id = ? OR case_id IN (children)", PostgreSQL read every contact of the city per merge
// (a sequential scan; 139 ms at 160,000 contacts); SQLite reads the family by the indexes of
// migration 0062 (ADR 0063). Each table is named with the case's jurisdiction, so the count stays
// in one partition or shard (ADR 0033); the rows are read for it, the indexes no longer cover.
const callersOf = preparedQuery<
  { jurisdictionId: string; caseId: string },
  { keyed: number | string | bigint; withKey: number | string | bigint; all: number | string | bigint }
>(
  ['jurisdictionId', 'caseId'],
  function callersOfStatement(db, v) {
    const own = db
      .selectFrom('contacts')
      .select('contacts.caller_phone_bidx as caller')
      .where('contacts.case_id', '=', v.caseId)
      .where('contacts.jurisdiction_id', '=', v.jurisdictionId);
    const merged = db
      .selectFrom('cases')
      .innerJoin('contacts', 'contacts.case_id', 'cases.id')
      .select('contacts.caller_phone_bidx as caller')
      .where('cases.parent_id', '=', v.caseId)
      .where('cases.jurisdiction_id', '=', v.jurisdictionId)
      .where('contacts.jurisdiction_id', '=', v.jurisdictionId);
    return db
      .selectFrom(own.unionAll(merged).as('family'))
      .select((eb) => [
        eb.fn.count<number | string | bigint>('family.caller').distinct().as('keyed'),
        eb.fn.count<number | string | bigint>('family.caller').as('withKey'),
        eb.fn.countAll<number | string | bigint>().as('all'),
      ]);
  },
  { fixedPlan: true },
);

// What was read of the family is kept with the score: the next merge adds to it (recomputeParentAfterMerge).
// The jurisdiction, already in the row read, is one more bound value: one partition (ADR 0033).
const setPriority = preparedQuery<{ jurisdictionId: string; caseId: string; priority: number; familyCallers: number; familyFlags: string }, never>(
  ['jurisdictionId', 'caseId', 'priority', 'familyCallers', 'familyFlags'],
  function setPriorityStatement(db, v) {
    return db
      .updateTable('cases')
      .set({ priority: v.priority, family_callers: v.familyCallers, family_flags: v.familyFlags })
      .where('id', '=', v.caseId)
      .where('jurisdiction_id', '=', v.jurisdictionId);
  },
  { fixedPlan: true },
);

/** Rows per UPDATE: three parameters each keeps a batch far below either database's limit. */
const UPDATE_BATCH = 300;

/**
 * The daily refresh: open cases grow older, so their priority rises until the age cap. The same
 * score as `recomputeCasePriority`, set-based: city by city (every statement names its
 * jurisdiction: one partition or shard each, ADR 0033), three reads for all its open cases, its
 * calendar once, and batched updates of the cases whose score changed. Answers the open cases scored.
 */
export async function refreshOpenPriorities(db: Kysely<DB>, now: Date = new Date()): Promise<number> {
  let scored = 0;
  for (const jurisdictionId of await listJurisdictionIds(db)) scored += await refreshJurisdiction(db, jurisdictionId, now);
  return scored;
}

async function refreshJurisdiction(db: Kysely<DB>, jurisdictionId: string, now: Date): Promise<number> {
  // One after another with a turn between (see yieldToEventLoop): on SQLite each read holds the
  // thread, so together they were one stall; on PostgreSQL running them in parallel saved little.
  const cases = await listOpenCases(db, jurisdictionId);
  await yieldToEventLoop();
  const [first] = cases;
  if (!first) return 0;
  const callers = await listOpenCaseCallers(db, jurisdictionId);
  await yieldToEventLoop();
  const flags = await listOpenCaseFlags(db, jurisdictionId);
  await yieldToEventLoop();
  const callersOf = groupBy(callers, (r) => r.target, (r) => ({ callerKey: r.callerKey }));
  const flagsOf = groupBy(flags, (r) => r.target, (r) => r.flag);
  // Ages to `now`, with whole days summed once for all the city's cases (see workingMsUntil).
  const ageOf = caseAgesWorkingDays(now, await loadWorkingCalendar(db, { id: jurisdictionId, timezone: first.timezone }));
  // Tens of thousands of open cases are seconds of scoring: in time slices, so requests are answered meanwhile.
  const changed = await runInTimeSlices(
    (function* scoreAll() {
      const out: Array<{ id: string; priority: number }> = [];
      for (const c of cases) {
        const { score } = priorityScore({
          urgency: c.urgency as Urgency,
          contacts: callersOf.get(c.id) ?? [],
          vulnerabilities: normalizeVulnerabilities((flagsOf.get(c.id) ?? []).filter(isVulnerability)),
          ageWorkingDays: ageOf(new Date(c.created_at)),
        });
        if (score !== c.priority) out.push({ id: c.id, priority: score });
        yield;
      }
      return out;
    })(),
  );
  for (let i = 0; i < changed.length; i += UPDATE_BATCH) {
    await updatePriorities(db, jurisdictionId, changed.slice(i, i + UPDATE_BATCH));
    await yieldToEventLoop();
  }
  return cases.length;
}

function groupBy<R, V>(rows: readonly R[], key: (r: R) => string, value: (r: R) => V): Map<string, V[]> {
  const out = new Map<string, V[]>();
  for (const r of rows) {
    const list = out.get(key(r));
    if (list) list.push(value(r));
    else out.set(key(r), [value(r)]);
  }
  return out;
}
