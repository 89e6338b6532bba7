import type { ContactHistory } from '@openline/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB, StatContactCellTable } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export type ContactCellRow = StatContactCellTable;

export interface ContactForFigures {
  contactId: string;
  caseId: string | null;
  jurisdictionId: string;
  timeZone: string;
  lineId: string;
  caseType: string;
  channel: string;
  history: ContactHistory;
}

/**
 * This jurisdiction's contacts on no case (no case event will ever bring them in): those that
 * arrived since `since` for a refresh, all of them for a rebuild.
 */
export async function findLooseContacts(db: Db, jurisdictionId: string, since?: string): Promise<string[]> {
  let q = db.selectFrom('contacts').select('id').where('contacts.jurisdiction_id', '=', jurisdictionId).where('case_id', 'is', null);
  if (since !== undefined) q = q.where('received_at', '>', since);
  return (await q.execute()).map((r) => r.id);
}

/** What contactFacts needs for the contacts of these cases and these loose contacts. */
export async function loadContactsForFigures(db: Db, jurisdictionId: string, ids: { caseIds: readonly string[]; contactIds: readonly string[] }): Promise<ContactForFigures[]> {
  if (ids.caseIds.length === 0 && ids.contactIds.length === 0) return [];
  const rows = await db
    .selectFrom('contacts')
    .innerJoin('jurisdictions', 'jurisdictions.id', 'contacts.jurisdiction_id')
    .leftJoin('cases', 'cases.id', 'contacts.case_id')
    .select(['contacts.id', 'contacts.case_id', 'contacts.jurisdiction_id', 'contacts.received_at', 'contacts.outcome', 'contacts.line_id', 'contacts.channel'])
    .select(['cases.status', 'cases.type', 'jurisdictions.timezone'])
    .where('contacts.jurisdiction_id', '=', jurisdictionId)
    .where((eb) =>
      eb.or([
        ...(ids.caseIds.length > 0 ? [eb('contacts.case_id', 'in', ids.caseIds)] : []),
        ...(ids.contactIds.length > 0 ? [eb('contacts.id', 'in', ids.contactIds)] : []),
      ]),
    )
    .execute();
  const caseIds = [...new Set(rows.flatMap((r) => (r.case_id ? [r.case_id] : [])))];
  const answered = caseIds.length === 0 ? [] : await db
    .selectFrom('case_events')
    .select('case_id')
    .where('case_id', 'in', caseIds)
    .where('type', '=', 'answered_directly')
    .execute();
  const answeredIds = new Set(answered.map((a) => a.case_id));
  return rows.map((r) => ({
    contactId: r.id,
    caseId: r.case_id,
    jurisdictionId: r.jurisdiction_id,
    timeZone: r.timezone,
    lineId: r.line_id ?? '',
    caseType: r.type ?? '',
    channel: r.channel,
    history: {
      receivedAt: r.received_at,
      outcome: r.outcome,
      // Only whether the centre answered at intake matters here, so only that event is read.
      case: r.case_id && r.status ? { status: r.status, eventTypes: answeredIds.has(r.case_id) ? ['answered_directly'] : [] } : null,
    },
  }));
}

/** This jurisdiction's contact cells only (one partition, ADR 0033): a contact and its cases are of one city. */
export async function replaceContactCells(
  db: Db,
  jurisdictionId: string,
  ids: { caseIds: readonly string[]; contactIds: readonly string[] },
  rows: readonly ContactCellRow[],
): Promise<void> {
  const cells = () => db.deleteFrom('stat_contact_cells').where('stat_contact_cells.jurisdiction_id', '=', jurisdictionId);
  if (ids.caseIds.length > 0) await cells().where('case_id', 'in', ids.caseIds).execute();
  if (ids.contactIds.length > 0) await cells().where('contact_id', 'in', ids.contactIds).execute();
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    // A contact moved to another case (a merge) may still have its row under the old case.
    await cells().where('contact_id', 'in', chunk.map((r) => r.contact_id)).execute();
    await db.insertInto('stat_contact_cells').values(chunk).execute();
  }
}
