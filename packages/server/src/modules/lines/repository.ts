import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export interface LineWithOwner {
  id: string;
  number: string;
  name: string;
  mode: 'direct' | 'staffed' | 'sms_only' | 'tip';
  ownerTitle: string;
  ownerName: string | null;
  serviceHours: string;
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
    ])
    .where('lines.jurisdiction_id', '=', jurisdictionId)
    .where('lines.is_public', '=', 1)
    .orderBy('lines.created_at')
    .orderBy('lines.number')
    .execute();
}

export function findLineInJurisdiction(db: Kysely<DB>, id: string, jurisdictionId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('lines').select('id').where('id', '=', id).where('jurisdiction_id', '=', jurisdictionId).executeTakeFirst();
}
