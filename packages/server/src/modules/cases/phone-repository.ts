import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';

/** A caller-phone filter: the blind index of the E.164 number, never the number itself. */
export interface PhoneFilter {
  bidx: string;
  /** The list's jurisdiction: the sub-queries name it too, so they stay in one partition (ADR 0033). */
  jurisdictionId: string;
  /** False unless the viewer may know tip-line reporters (caller.ts#mayFindProtectedCaller). */
  includeProtected: boolean;
}

/**
 * The ids of a caller's cases: those they opened, and those they contacted again (a repeat
 * contact attached to a case is that caller's case too). A UNION ALL of two index lookups
 * (cases_caller_bidx, contacts_caller_bidx_received) rather than an OR, which would scan every case.
 * Without `includeProtected` a contact that came in on a tip line never counts, whatever case
 * it was attached to; protected cases themselves are dropped by the caller of this (applyFilters).
 */
export function phoneCaseIds(eb: ExpressionBuilder<DB, 'cases'>, f: PhoneFilter) {
  const opened = eb.selectFrom('cases as by_caller').select('by_caller.id').where('by_caller.jurisdiction_id', '=', f.jurisdictionId).where('by_caller.caller_phone_bidx', '=', f.bidx);
  let contacted = eb
    .selectFrom('contacts as by_contact')
    .select('by_contact.case_id as id')
    .where('by_contact.jurisdiction_id', '=', f.jurisdictionId)
    .where('by_contact.caller_phone_bidx', '=', f.bidx)
    .where('by_contact.case_id', 'is not', null)
    .$narrowType<{ id: string }>();
  if (!f.includeProtected) contacted = contacted.where(notOnTipLine('by_contact'));
  return opened.unionAll(contacted);
}

/**
 * A contact (of the alias named) that did not come in on a tip line: only those tell who called,
 * for a viewer who may not know tip-line reporters (ADR 0006).
 */
function notOnTipLine(alias: 'by_contact' | 'same_case'): Expression<SqlBool> {
  const c = expressionBuilder<DB, never>();
  const line = sql.ref<string | null>(`${alias}.line_id`);
  return c.or([
    c(line, 'is', null),
    c.not(c.exists(c.selectFrom('lines as tip_line').select('tip_line.id').where('tip_line.id', '=', line).where('tip_line.mode', '=', 'tip'))),
  ]);
}

/**
 * The caller's contacts attached to a case, each case once (its first such contact by received
 * time, then id; the others are skipped by a probe of contacts_case_caller), so a capped count can walk
 * the caller's (caller_phone_bidx, received_at) range and stop, where IN gathered them all first.
 * The tip-line rule is the same as phoneCaseIds's.
 */
export function firstContactPerCase(db: Kysely<DB>, f: PhoneFilter) {
  // An earlier contact hides a later one only if it would count itself (the tip-line rule too).
  const counts = f.includeProtected ? sql<SqlBool>`1 = 1` : notOnTipLine('same_case');
  let q = db
    .selectFrom('contacts as by_contact')
    .select('by_contact.case_id as id')
    .where('by_contact.jurisdiction_id', '=', f.jurisdictionId)
    .where('by_contact.caller_phone_bidx', '=', f.bidx)
    .where('by_contact.case_id', 'is not', null)
    .where((c) =>
      c.not(
        c.exists(
          c
            .selectFrom('contacts as same_case')
            .select('same_case.id')
            .whereRef('same_case.case_id', '=', 'by_contact.case_id')
            .where('same_case.jurisdiction_id', '=', f.jurisdictionId)
            .where('same_case.caller_phone_bidx', '=', f.bidx)
            .where(counts)
            .where((e) => e.or([e('same_case.received_at', '<', e.ref('by_contact.received_at')), e.and([e('same_case.received_at', '=', e.ref('by_contact.received_at')), e('same_case.id', '<', e.ref('by_contact.id'))])]))
            .limit(1)
            .offset(0), // a probe per contact: PostgreSQL makes no anti-join of an EXISTS with an OFFSET
        ),
      ),
    )
    .$narrowType<{ id: string }>();
  if (!f.includeProtected) q = q.where(notOnTipLine('by_contact'));
  return q;
}
