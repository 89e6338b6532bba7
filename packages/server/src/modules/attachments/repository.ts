import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Dialect } from '../../db/database.js';
import type { AttachmentRow, AttachmentTable, DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Serialises uploads to one case for the count limit: PostgreSQL locks the case row until the
 * transaction ends; SQLite has one writer, taken by the insert that follows. The case's
 * jurisdiction is named: one partition when partitioned (ADR 0033).
 */
export async function lockCaseForUpload(db: Db, dialect: Dialect, target: { jurisdictionId: string; caseId: string }): Promise<void> {
  let q = db.selectFrom('cases').select('id').where('jurisdiction_id', '=', target.jurisdictionId).where('id', '=', target.caseId);
  if (dialect === 'postgres') q = q.forUpdate();
  await q.executeTakeFirst();
}

export async function insertAttachment(db: Db, row: Insertable<AttachmentTable>): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

/** Rows of a case, pending ones included (they count against the limit while they are stored). */
export async function countAttachments(db: Db, where: { caseId: string; citizenCodeHash?: string }): Promise<number> {
  let q = db.selectFrom('attachments').select((eb) => eb.fn.countAll<string | number>().as('n')).where('case_id', '=', where.caseId);
  if (where.citizenCodeHash !== undefined) q = q.where('citizen_code_hash', '=', where.citizenCodeHash);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markReady(db: Db, id: string): Promise<void> {
  await db.updateTable('attachments').set({ state: 'ready' }).where('id', '=', id).execute();
}

export async function deleteAttachmentRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('attachments').where('id', '=', id).execute();
}

export function listReadyAttachments(db: Db, caseId: string): Promise<AttachmentRow[]> {
  return db.selectFrom('attachments').selectAll().where('case_id', '=', caseId).where('state', '=', 'ready').orderBy('created_at').orderBy('id').execute();
}

export function findReadyAttachment(db: Db, caseId: string, id: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).where('case_id', '=', caseId).where('state', '=', 'ready').executeTakeFirst();
}

export async function setVisibility(db: Db, id: string, visibility: string): Promise<void> {
  await db.updateTable('attachments').set({ visibility }).where('id', '=', id).execute();
}

/** Uploads a crash left half-stored: pending since before `before`. */
export function listStalePending(db: Db, before: string, limit: number): Promise<Array<Pick<AttachmentRow, 'id' | 'storage_key' | 'thumbnail_key'>>> {
  return db
    .selectFrom('attachments')
    .select(['id', 'storage_key', 'thumbnail_key'])
    .where('state', '=', 'pending')
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

export async function uploaderNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
