import type { Insertable, Kysely } from 'kysely';
import type { CaseCategoryAttributeTable, DB, Open311RequestTable } from '../../db/schema.js';

type Db = Kysely<DB>;

// --- jurisdictions and category attributes ----------------------------------------------------

export function findJurisdictionByCode(db: Db, code: string) {
  return db.selectFrom('jurisdictions').select(['id', 'code', 'name', 'timezone']).where('code', '=', code).executeTakeFirst();
}

export function findAttributes(db: Db, categoryIds: readonly string[]) {
  if (categoryIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('case_category_attributes').selectAll().where('category_id', 'in', categoryIds).orderBy('category_id').orderBy('sort_order').execute();
}

export async function replaceAttributes(db: Db, categoryId: string, rows: ReadonlyArray<Insertable<CaseCategoryAttributeTable>>): Promise<void> {
  await db.deleteFrom('case_category_attributes').where('category_id', '=', categoryId).execute();
  if (rows.length > 0) await db.insertInto('case_category_attributes').values([...rows]).execute();
}

// --- requests ---------------------------------------------------------------------------------

export async function insertRequest(db: Db, row: Insertable<Open311RequestTable>): Promise<void> {
  await db.insertInto('open311_requests').values(row).execute();
}

export function findRequestByToken(db: Db, jurisdictionId: string, token: string) {
  return db.selectFrom('open311_requests').selectAll().where('jurisdiction_id', '=', jurisdictionId).where('token', '=', token).executeTakeFirst();
}

export function findRequestsByPublicIds(db: Db, jurisdictionId: string, publicIds: readonly string[]) {
  if (publicIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('open311_requests').selectAll().where('jurisdiction_id', '=', jurisdictionId).where('public_id', 'in', publicIds).execute();
}

/** Open311 rows of cases opened by a request (not attached ones): their approximate place. */
export function findPlacesOfCases(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('open311_requests')
    .select(['case_id', 'lat_approx', 'long_approx'])
    .where('case_id', 'in', caseIds)
    .where('outcome', '!=', 'attached')
    .execute();
}

/** What GET requests reads of a case: nothing personal (no caller, text or address). */
const CASE_COLUMNS = [
  'cases.id', 'cases.case_number', 'cases.status', 'cases.category_id', 'cases.lead_unit_id', 'cases.parent_id', 'cases.created_at', 'cases.updated_at',
] as const;

export type PublicCaseRow = Awaited<ReturnType<typeof findPublicCasesByNumbers>>[number];

/**
 * Cases GET requests may show: the jurisdiction's, categorised (a service_code is required),
 * and never a tip-line case (ADR 0006) — whoever asks, the answer is as if it did not exist.
 */
function publicCases(db: Db, jurisdictionId: string) {
  return db
    .selectFrom('cases')
    .select(CASE_COLUMNS)
    .where('cases.jurisdiction_id', '=', jurisdictionId)
    .where('cases.caller_protected', '=', 0)
    .where('cases.category_id', 'is not', null);
}

export function findPublicCasesByNumbers(db: Db, jurisdictionId: string, numbers: readonly string[]) {
  if (numbers.length === 0) return Promise.resolve([]);
  return publicCases(db, jurisdictionId).where('cases.case_number', 'in', numbers).execute();
}

export function listPublicCases(
  db: Db,
  o: { jurisdictionId: string; from: string; to: string; categoryIds: readonly string[] | null; statuses: readonly string[] | null; limit: number },
) {
  let q = publicCases(db, o.jurisdictionId).where('cases.created_at', '>=', o.from).where('cases.created_at', '<=', o.to);
  if (o.categoryIds) q = q.where('cases.category_id', 'in', o.categoryIds.length > 0 ? o.categoryIds : ['-']);
  if (o.statuses) q = q.where('cases.status', 'in', o.statuses.length > 0 ? o.statuses : ['-']);
  return q.orderBy('cases.created_at', 'desc').orderBy('cases.id').limit(o.limit).execute();
}

export function findUnitNames(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** The cases requests are handled through (merged cases' parents, attached requests' cases): any non-tip case. */
export function findHandledCases(db: Db, jurisdictionId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('cases')
    .select(CASE_COLUMNS)
    .where('cases.jurisdiction_id', '=', jurisdictionId)
    .where('cases.caller_protected', '=', 0)
    .where('cases.id', 'in', [...new Set(ids)])
    .execute();
}
