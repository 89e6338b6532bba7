import { expressionBuilder, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
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
 * The same rule as phoneCaseIds, checked on one case (a walk of a unit's range drives, ADR 0062):
 * the case's own caller, or a contact of it from this number (`contacts_case`; on SQLite
 * `contacts_case_caller`, migration 0062), where the IN of phoneCaseIds built the caller's whole
 * set first.
 */
export function isCallersCase(eb: ExpressionBuilder<DB, 'cases'>, f: PhoneFilter): Expression<SqlBool> {
  let contacted = eb
    .selectFrom('contacts as by_contact')
    .select('by_contact.id')
    .whereRef('by_contact.case_id', '=', 'cases.id')
    .where('by_contact.jurisdiction_id', '=', f.jurisdictionId)
    .where('by_contact.caller_phone_bidx', '=', f.bidx);
  if (!f.includeProtected) contacted = contacted.where(notOnTipLine('by_contact'));
  return eb.or([eb('cases.caller_phone_bidx', '=', f.bidx), eb.exists(contacted)]);
}

/**
 * A contact (of the alias named) that did not come in on a tip line: only those tell who called,
 * for a viewer who may not know tip-line reporters (ADR 0006).
 */
export function notOnTipLine(alias: 'by_contact'): Expression<SqlBool> {
  const c = expressionBuilder<DB, never>();
  const line = sql.ref<string | null>(`${alias}.line_id`);
  return c.or([
    c(line, 'is', null),
    c.not(c.exists(c.selectFrom('lines as tip_line').select('tip_line.id').where('tip_line.id', '=', line).where('tip_line.mode', '=', 'tip'))),
  ]);
}
