import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import { caseProbe } from './list-shapes.js';
import { earliest, rowsOfKeys } from './page-rows.js';
import { notOnTipLine, type PhoneFilter } from './phone-repository.js';

// One caller's cases, newest first (ADR 0062): the page and the count read the caller's two
// blind-index ranges in order and stop, where `id IN (every case of the caller)` gathered and
// sorted them all (a frequent caller has thousands; at 10 M cases the busiest ~40 k).

/** A walk of the caller's ranges: the list's other conditions are a probe of each case found. */
export interface PhoneWalk {
  phone: PhoneFilter;
  /** The list's cases without the phone filter, unit conditions as probes, the tip-line rule applied. */
  rest: SelectQueryBuilder<DB, 'cases', object>;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The created_at of the caller's (window + 1)-th newest opened case before `to`: the opened side
 * reads only cases at or after it. An index-only read of `cases_caller_bidx_created`, which holds
 * no jurisdiction (ADR 0033's check lists it): naming it would fetch every row of the window. Only
 * a bound on work: the same number elsewhere narrows the window, and the page stays exact within it.
 */
function openedEdge(db: Kysely<DB>, w: PhoneWalk, window: number) {
  let q = db.selectFrom('cases as opened_edge').select('opened_edge.created_at').where('opened_edge.caller_phone_bidx', '=', w.phone.bidx);
  if (w.to !== undefined) q = q.where('opened_edge.created_at', '<', w.to);
  return q.orderBy('opened_edge.created_at', 'desc').limit(1).offset(window);
}

/**
 * The received_at of the caller's (window + 1)-th newest contact before `to`: the contacted side
 * reads only contacts at or after it (`contacts_caller_bidx_received`, index-only, without the
 * jurisdiction for openedEdge's reason). Not cut above `to`: a case opened before it may have been
 * contacted about since.
 */
function contactsEdge(db: Kysely<DB>, w: PhoneWalk, window: number) {
  let q = db.selectFrom('contacts as contact_edge').select('contact_edge.received_at').where('contact_edge.caller_phone_bidx', '=', w.phone.bidx);
  if (w.to !== undefined) q = q.where('contact_edge.received_at', '<', w.to);
  return q.orderBy('contact_edge.received_at', 'desc').limit(1).offset(window);
}

/** The caller's cases they opened, newest first within the window, each checked by a probe. */
function openedSide(db: Kysely<DB>, w: PhoneWalk, window: number) {
  const from = sql.lit(earliest(db));
  let q = db
    .selectFrom('cases as by_caller')
    .where('by_caller.jurisdiction_id', '=', w.phone.jurisdictionId)
    .where('by_caller.caller_phone_bidx', '=', w.phone.bidx)
    .where((eb) => eb('by_caller.created_at', '>=', eb.fn.coalesce(openedEdge(db, w, window), from)))
    .where((eb) => eb.exists(caseProbe(w.rest, 'by_caller.id')));
  if (w.to !== undefined) q = q.where('by_caller.created_at', '<', w.to);
  if (w.from !== undefined) q = q.where('by_caller.created_at', '>=', w.from);
  return q;
}

/** The caller's contacts attached to a case, within the window, the tip-line rule applied (phoneCaseIds's). */
function contactedSide(db: Kysely<DB>, w: PhoneWalk, window: number, cases = w.rest) {
  let q = db
    .selectFrom('contacts as by_contact')
    .where('by_contact.jurisdiction_id', '=', w.phone.jurisdictionId)
    .where('by_contact.caller_phone_bidx', '=', w.phone.bidx)
    .where('by_contact.case_id', 'is not', null)
    .where((eb) => eb('by_contact.received_at', '>=', eb.fn.coalesce(contactsEdge(db, w, window), sql.lit(earliest(db)))))
    .where((eb) => eb.exists(caseProbe(cases, 'by_contact.case_id')));
  if (!w.phone.includeProtected) q = q.where(notOnTipLine('by_contact'));
  // A case is contacted about only after it was opened (received_at ≥ created_at, open-case.ts).
  if (w.from !== undefined) q = q.where('by_contact.received_at', '>=', w.from);
  return q;
}

/**
 * The page's keys: the opened side newest first cut at the page's end; the contacted side only
 * from the `end`-th opened case's created_at on (a contact before it belongs to a case older than
 * `end` opened ones, off the page); their union kept to what both windows searched, then cut.
 * Exact whenever no window ended; else exactly the list of the cases created since
 * `phoneSearchedSince`.
 */
export function phonePage(db: Kysely<DB>, w: PhoneWalk, o: { limit: number; offset: number; window: number }) {
  const end = o.offset + o.limit;
  const from = sql.lit(earliest(db));
  const opened = openedSide(db, w, o.window)
    .select(['by_caller.id as id', 'by_caller.created_at as created_at', 'by_caller.case_number as case_number'])
    .orderBy('by_caller.created_at', 'desc')
    .orderBy('by_caller.case_number', 'desc')
    .limit(end);
  const keys = db
    .with('opened', () => opened)
    .selectFrom('opened')
    .select(['opened.id', 'opened.created_at', 'opened.case_number'])
    .union((eb) =>
      contactedSide(db, w, o.window)
        .innerJoin('cases as contacted', 'contacted.id', 'by_contact.case_id')
        .select(['contacted.id as id', 'contacted.created_at as created_at', 'contacted.case_number as case_number'])
        .$narrowType<{ id: string }>()
        .where((c) => c('by_contact.received_at', '>=', c.fn.coalesce(eb.selectFrom('opened').select('opened.created_at').orderBy('opened.created_at', 'desc').limit(1).offset(end - 1), from))),
    );
  const page = db
    .selectFrom(keys.as('m'))
    .selectAll('m')
    .where((eb) => eb('m.created_at', '>=', eb.fn.coalesce(openedEdge(db, w, o.window), from)))
    .where((eb) => eb('m.created_at', '>=', eb.fn.coalesce(contactsEdge(db, w, o.window), from)))
    .orderBy('m.created_at', 'desc')
    .orderBy('m.case_number', 'desc')
    .limit(o.limit)
    .offset(o.offset);
  return rowsOfKeys(db, page.as('k'));
}

/** Since when the page searched the caller's cases: the later window edge, null when neither ended. */
export async function phoneSearchedSince(db: Kysely<DB>, w: PhoneWalk, window: number): Promise<string | null> {
  const row = await db.selectNoFrom([openedEdge(db, w, window).as('opened'), contactsEdge(db, w, window).as('contacted')]).executeTakeFirst();
  const edges = [row?.opened, row?.contacted].filter((e): e is string => e !== null && e !== undefined).map((e) => new Date(e).toISOString());
  return edges.length === 0 ? null : edges.reduce((a, b) => (a > b ? a : b));
}

/**
 * The capped count of the caller's cases (ADR 0051's window, ADR 0062): each side reads at most
 * its newest `window` entries and its first `cap` matches (the contacted side distinct cases
 * another caller opened), their UNION counted. `windowed`: a side held more, the count is "at least".
 */
export async function phoneCount(db: Kysely<DB>, w: PhoneWalk, window: number, cap: number): Promise<{ n: number; windowed: boolean }> {
  const opened = openedSide(db, w, window).select('by_caller.id as id').limit(cap);
  // A frequent caller's own cases reach the cap alone: "more than" without reading the contacts.
  const own = await db.selectFrom(opened.as('o')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(own.n) >= cap) return { n: Number(own.n), windowed: false };
  // The cases contacted about that someone else opened (the caller's own are counted above),
  // each once: most of a frequent caller's contacts opened their own case, and are skipped by the
  // same probe that checks the filters (a probe of the case's other contacts per contact cost more).
  const others = w.rest.where((eb) => eb.or([eb('cases.caller_phone_bidx', '!=', w.phone.bidx), eb('cases.caller_phone_bidx', 'is', null)]));
  // The two sets cannot share a case (the caller's own against everyone else's), so their sizes add
  // up: counted as a UNION, the opened side was read and probed a second time (~20 ms for the
  // busiest caller at 10 M cases on PostgreSQL).
  const contacted = contactedSide(db, w, window, others).select('by_contact.case_id as id').distinct().$narrowType<{ id: string }>().limit(cap);
  const row = await db
    .selectFrom(contacted.as('c'))
    .select((eb) => [eb.fn.countAll<number>().as('n'), openedEdge(db, w, window).as('opened'), contactsEdge(db, w, window).as('contacted')])
    .executeTakeFirstOrThrow();
  return { n: Number(own.n) + Number(row.n), windowed: row.opened !== null || row.contacted !== null };
}
