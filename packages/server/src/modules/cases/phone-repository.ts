import type { ExpressionBuilder } from 'kysely';
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
  if (!f.includeProtected) {
    contacted = contacted.where((c) =>
      c.or([
        c('by_contact.line_id', 'is', null),
        c.not(c.exists(c.selectFrom('lines as tip_line').select('tip_line.id').whereRef('tip_line.id', '=', 'by_contact.line_id').where('tip_line.mode', '=', 'tip'))),
      ]),
    );
  }
  return opened.unionAll(contacted);
}
