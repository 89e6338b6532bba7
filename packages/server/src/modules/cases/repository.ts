import type { Insertable, Kysely, Transaction } from 'kysely';
import type { CaseDeadlineRow, CaseRow, DB, NewCase } from '../../db/schema.js';
import { preparedInsert, preparedQuery, type BoundStatement } from '../../lib/prepared-query.js';
import { unitOfWorkState, writeBeforeCommit } from '../../lib/unit-of-work.js';
import { fanOutCaseEvent } from '../notifications/fan-out.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Next sequence number for a jurisdiction's day. One upsert statement: PostgreSQL row-locks the
 * counter until the transaction ends and SQLite has a single writer, so two concurrent intakes
 * can never draw the same number on either database.
 *
 * Inside a unit of work the counter is drawn from once per day: its first number locks the row
 * (PostgreSQL) until the commit, so nobody else can draw until then, and the numbers after it are
 * counted here and the row set to the last of them just before the commit. Numbers stay gapless
 * (a rollback drops both the count and the cases) and one drainer batch pays one round trip for
 * its numbers, not one per case (issue 13 §2, ADR 0080).
 */
export async function nextCaseSequence(db: Db, jurisdictionId: string, day: string): Promise<number> {
  const counters = unitOfWorkState(db, 'case_number_counters', () => new Map<string, DrawnNumbers>());
  if (!counters) return drawFromCounter(db, jurisdictionId, day);
  const key = `${jurisdictionId}\u0000${day}`;
  const drawn = counters.get(key);
  if (drawn) {
    drawn.more += 1;
    const more = drawn.more;
    return (await drawn.first) + more;
  }
  const first = drawFromCounter(db, jurisdictionId, day);
  const fresh: DrawnNumbers = { jurisdictionId, day, first, more: 0 };
  counters.set(key, fresh);
  await writeBeforeCommit(db, 'case_number_counters', fresh, storeLastDrawn);
  return first;
}

/** A day's numbers one unit of work has taken: the one drawn from the counter, and how many after it. */
interface DrawnNumbers {
  jurisdictionId: string;
  day: string;
  first: Promise<number>;
  more: number;
}

async function drawFromCounter(db: Db, jurisdictionId: string, day: string): Promise<number> {
  const [row] = await nextSequence.execute(db, { jurisdictionId, day });
  if (!row) throw new Error(`case number counter ${jurisdictionId} ${day}: no row returned`);
  return row.last_value;
}

/** The counters' rows, each at the last number its unit of work took (still locked by its first draw). */
async function storeLastDrawn(db: Db, drawn: DrawnNumbers[]): Promise<void> {
  for (const d of drawn) {
    if (d.more === 0) continue;
    await setCounter.execute(db, { jurisdictionId: d.jurisdictionId, day: d.day, lastValue: (await d.first) + d.more });
  }
}

// Every opened case runs these: compiled once, not built per case (lib/prepared-query.ts, issue 13 §2).
const nextSequence = preparedQuery<{ jurisdictionId: string; day: string }, { last_value: number }>(['jurisdictionId', 'day'], (db, v) =>
  db
    .insertInto('case_number_counters')
    .values({ jurisdiction_id: v.jurisdictionId, day: v.day, last_value: 1 })
    .onConflict((oc) =>
      oc.columns(['jurisdiction_id', 'day']).doUpdateSet((eb) => ({
        last_value: eb('case_number_counters.last_value', '+', 1),
      })),
    )
    .returning('last_value'),
);
const setCounter = preparedQuery<{ jurisdictionId: string; day: string; lastValue: number }, never>(['jurisdictionId', 'day', 'lastValue'], (db, v) =>
  db.updateTable('case_number_counters').set({ last_value: v.lastValue }).where('jurisdiction_id', '=', v.jurisdictionId).where('day', '=', v.day),
);
const caseInsert = preparedInsert('cases');
const contactInsert = preparedInsert('contacts');
const eventInsert = preparedInsert('case_events');

/** The INSERT of a new case, to be written with its other rows (openCase). */
export function caseRowInsert(db: Db, row: NewCase): BoundStatement {
  return caseInsert.bind(db, [row]);
}

/** A tip line (举报线): its reporters are protected (ADR 0006). */
export async function isTipLine(db: Db, lineId: string): Promise<boolean> {
  const line = await db.selectFrom('lines').select('mode').where('id', '=', lineId).executeTakeFirst();
  return line?.mode === 'tip';
}

export async function insertContact(db: Db, row: Insertable<DB['contacts']>): Promise<void> {
  await contactInsert.execute(db, row);
}

/** The INSERT of a contact, to be written with its case's other rows (openCase). */
export function contactRowInsert(db: Db, row: Insertable<DB['contacts']>): BoundStatement {
  return contactInsert.bind(db, [row]);
}

/** A case event as a use case writes it. */
export interface NewCaseEvent {
  caseId: string;
  /** The case's jurisdiction: its fan-out reads the case within it (ADR 0033); not stored on the event yet. */
  jurisdictionId: string;
  type: string;
  actorKind: 'citizen' | 'staff' | 'system';
  actorUserId: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  reason?: string | null;
  payload?: Record<string, unknown>;
  createdAt: string;
}

export interface EventOptions {
  /** Historic events the demo writes: nobody is told. */
  silent?: boolean;
  /** The case was opened in this unit of work, so nobody follows it yet: its followers are not looked up. */
  openedHere?: boolean;
}

export async function insertEvent(db: Db, event: NewCaseEvent, options: EventOptions = {}): Promise<void> {
  await insertEvents(db, [event], options);
}

/**
 * Several events in one statement, in order (a merged appeal's `created` and `merged`: one round
 * trip on PostgreSQL instead of two, issue 13 §2); each fans out as insertEvent's does.
 */
export async function insertEvents(db: Db, events: readonly NewCaseEvent[], options: EventOptions = {}): Promise<void> {
  await eventInsert.executeMany(db, eventRows(events));
  await fanOutEvents(db, events, options);
}

/** The INSERT of events (at least one), to be written with other rows (openCase); fanOutEvents after it. */
export function eventsInsert(db: Db, events: readonly NewCaseEvent[]): BoundStatement {
  return eventInsert.bind(db, eventRows(events));
}

function eventRows(events: readonly NewCaseEvent[]): Array<Insertable<DB['case_events']>> {
  return events.map((event) => ({
    case_id: event.caseId,
    type: event.type,
    actor_kind: event.actorKind,
    actor_user_id: event.actorUserId,
    from_status: event.fromStatus,
    to_status: event.toStatus,
    reason: event.reason ?? null,
    payload: JSON.stringify(event.payload ?? {}),
    created_at: event.createdAt,
  }));
}

/**
 * Every event passes here once written, so an event core's notification table maps reaches its
 * people in the same transaction (ADR 0025). Historic events the demo writes stay silent.
 */
export async function fanOutEvents(db: Db, events: readonly NewCaseEvent[], options: EventOptions = {}): Promise<void> {
  if (options.silent) return;
  for (const event of events) {
    await fanOutCaseEvent(db, { caseId: event.caseId, jurisdictionId: event.jurisdictionId, type: event.type, actorUserId: event.actorUserId, payload: event.payload ?? {}, createdAt: event.createdAt }, {
      noFollowers: options.openedHere === true,
    });
  }
}

/**
 * The case by id within the jurisdiction the caller acts in: one partition when partitioned (ADR
 * 0033), and another city's case is not found.
 */
export function findCaseById(db: Db, jurisdictionId: string, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('jurisdiction_id', '=', jurisdictionId).where('id', '=', id).executeTakeFirst();
}

export function findCaseByTrackingHash(db: Db, trackingCodeHash: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('tracking_code_hash', '=', trackingCodeHash).executeTakeFirst();
}

/**
 * A contact attached unattended carries the sender's own tracking code (ADR 0009); its
 * jurisdiction is its case's, to look the case up in.
 */
export function findContactByTrackingHash(db: Db, trackingCodeHash: string): Promise<{ caseId: string; jurisdictionId: string; receivedAt: string } | undefined> {
  return db
    .selectFrom('contacts')
    .select(['case_id as caseId', 'jurisdiction_id as jurisdictionId', 'received_at as receivedAt'])
    .where('tracking_code_hash', '=', trackingCodeHash)
    .where('case_id', 'is not', null)
    .$narrowType<{ caseId: string }>()
    .executeTakeFirst();
}


export interface CaseAccessRow extends CaseRow {
  leadUnitPath: string | null;
  leadUnitName: string | null;
  lineMode: string | null;
  lineName: string | null;
  lineOwnerUserId: string | null;
  /** Paths of the co-handling units (协办): they work on the case too, so they may see it. */
  coUnitPaths: string[];
}

/**
 * The case with what access rules and the detail screen need: lead and co-unit paths, line owner
 * and mode. Within the caller's jurisdiction, as findCaseById.
 */
export async function findCaseForAccess(db: Db, jurisdictionId: string, id: string): Promise<CaseAccessRow | undefined> {
  const row = await db
    .selectFrom('cases')
    .leftJoin('org_units', 'org_units.id', 'cases.lead_unit_id')
    .leftJoin('lines', 'lines.id', 'cases.line_id')
    .selectAll('cases')
    .select([
      'org_units.path as leadUnitPath',
      'org_units.name as leadUnitName',
      'lines.mode as lineMode',
      'lines.name as lineName',
      'lines.owner_user_id as lineOwnerUserId',
    ])
    .where('cases.jurisdiction_id', '=', jurisdictionId)
    .where('cases.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const co = await db
    .selectFrom('case_co_units')
    .innerJoin('org_units', 'org_units.id', 'case_co_units.unit_id')
    .select('org_units.path')
    .where('case_co_units.case_id', '=', id)
    .execute();
  return { ...row, coUnitPaths: co.map((c) => c.path) };
}

export function listEvents(db: Db, caseId: string) {
  return db
    .selectFrom('case_events')
    .leftJoin('users', 'users.id', 'case_events.actor_user_id')
    .select([
      'case_events.id as id',
      'case_events.type as type',
      'case_events.actor_kind as actorKind',
      'users.display_name as actorName',
      'case_events.from_status as fromStatus',
      'case_events.to_status as toStatus',
      'case_events.reason as reason',
      'case_events.payload as payload',
      'case_events.created_at as createdAt',
    ])
    .where('case_events.case_id', '=', caseId)
    .orderBy('case_events.id')
    .execute();
}

/**
 * The cases merged into this one (并单), in the order they were merged, with the merge event:
 * its actor says whether a person or unattended intake (system) decided it. Children share the
 * parent's jurisdiction, named so the read stays in its partition (ADR 0033).
 */
export function listMergedChildren(db: Db, parent: { id: string; jurisdiction_id: string }) {
  return db
    .selectFrom('cases')
    .innerJoin('case_events', (j) => j.onRef('case_events.case_id', '=', 'cases.id').on('case_events.type', '=', 'merged'))
    .select([
      'cases.id as id',
      'cases.case_number as caseNumber',
      'cases.channel as channel',
      'cases.created_at as createdAt',
      'case_events.created_at as mergedAt',
      'case_events.actor_kind as actorKind',
      'case_events.payload as payload',
    ])
    .where('cases.jurisdiction_id', '=', parent.jurisdiction_id)
    .where('cases.parent_id', '=', parent.id)
    .where('cases.status', '=', 'merged')
    .orderBy('case_events.id')
    .execute();
}

/** Every deadline the case was held to, superseded ones included, in the order they were set. */
export function listCaseDeadlines(db: Db, caseId: string): Promise<CaseDeadlineRow[]> {
  return db.selectFrom('case_deadlines').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('kind').execute();
}

export async function listCoUnits(db: Db, caseId: string): Promise<string[]> {
  const rows = await db.selectFrom('case_co_units').select('unit_id').where('case_id', '=', caseId).orderBy('unit_id').execute();
  return rows.map((r) => r.unit_id);
}
