import type { Kysely, Updateable } from 'kysely';
import type { DB, LineTable } from '../../db/schema.js';

export interface LineWithOwner {
  id: string;
  number: string;
  name: string;
  mode: 'direct' | 'staffed' | 'sms_only' | 'tip';
  ownerTitle: string;
  ownerName: string | null;
  serviceHours: string;
  acceptsVoice: number;
  acceptsSms: number;
}

export function listPublicLines(db: Kysely<DB>, jurisdictionId: string): Promise<LineWithOwner[]> {
  return db
    .selectFrom('lines')
    .leftJoin('users', 'users.id', 'lines.owner_user_id')
    .select([
      'lines.id as id',
      'lines.number as number',
      'lines.name as name',
      'lines.mode as mode',
      'lines.owner_title as ownerTitle',
      'users.display_name as ownerName',
      'lines.service_hours as serviceHours',
      'lines.accepts_voice as acceptsVoice',
      'lines.accepts_sms as acceptsSms',
    ])
    .where('lines.jurisdiction_id', '=', jurisdictionId)
    .where('lines.is_public', '=', 1)
    .orderBy('lines.created_at')
    .orderBy('lines.number')
    .execute();
}

/** A line's mode: an SMS-only line's messages carry name and address in their text (DESIGN §1). */
export async function findLineMode(db: Kysely<DB>, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('lines').select('mode').where('id', '=', id).executeTakeFirst();
  return row?.mode;
}

export function listAllLines(db: Kysely<DB>, jurisdictionId: string, lineId?: string) {
  let q = db
    .selectFrom('lines')
    .leftJoin('users', 'users.id', 'lines.owner_user_id')
    .select([
      'lines.id as id', 'lines.number as number', 'lines.name as name', 'lines.mode as mode', 'lines.owner_title as ownerTitle',
      'lines.owner_user_id as ownerUserId', 'users.display_name as ownerName', 'lines.is_public as isPublic', 'lines.service_hours as serviceHours',
      'lines.accepts_voice as acceptsVoice', 'lines.accepts_sms as acceptsSms',
    ])
    .where('lines.jurisdiction_id', '=', jurisdictionId);
  if (lineId) q = q.where('lines.id', '=', lineId);
  return q.orderBy('lines.created_at').orderBy('lines.number').execute();
}

export async function updateLineRow(db: Kysely<DB>, id: string, set: Updateable<LineTable>): Promise<void> {
  await db.updateTable('lines').set(set).where('id', '=', id).execute();
}

export async function lineNumberTaken(db: Kysely<DB>, jurisdictionId: string, number: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('lines').select('id').where('jurisdiction_id', '=', jurisdictionId).where('number', '=', number);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}
