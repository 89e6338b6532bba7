import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { COUNT_COLUMNS, type CountColumn } from './columns.js';
import type { ContactCellRow } from './contact-repository.js';
import { isZero, type CategoryRow, type RollupDelta, type ScopeRow, type UnitRow } from './delta.js';
import type { CellRow } from './repository.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Rows per upsert: 23 columns × 400 stays far under both databases' bound-parameter limits. */
const UPSERT_CHUNK = 400;
/** Keys per delete of emptied rows (an OR of key equalities, each served by the primary key). */
const DELETE_CHUNK = 100;

/** The cells these cases (of this jurisdiction) have now, before they are replaced: what the delta subtracts. */
export async function findCells(db: Db, jurisdictionId: string, caseIds: readonly string[]): Promise<CellRow[]> {
  if (caseIds.length === 0) return [];
  return db.selectFrom('stat_case_cells').selectAll().where('stat_case_cells.jurisdiction_id', '=', jurisdictionId).where('case_id', 'in', caseIds).execute();
}

/**
 * Exactly the contact cells `replaceContactCells` will delete: those of these cases, these
 * contacts, and the contacts about to be written (one merged away may sit under its old case),
 * all of one jurisdiction.
 */
export async function findContactCells(
  db: Db,
  jurisdictionId: string,
  ids: { caseIds: readonly string[]; contactIds: readonly string[] },
): Promise<ContactCellRow[]> {
  const found = new Map<string, ContactCellRow>();
  const keep = (rows: readonly ContactCellRow[]): void => rows.forEach((r) => found.set(r.contact_id, r));
  const cells = () => db.selectFrom('stat_contact_cells').selectAll().where('stat_contact_cells.jurisdiction_id', '=', jurisdictionId);
  if (ids.caseIds.length > 0) keep(await cells().where('case_id', 'in', ids.caseIds).execute());
  for (let i = 0; i < ids.contactIds.length; i += UPSERT_CHUNK) {
    keep(await cells().where('contact_id', 'in', ids.contactIds.slice(i, i + UPSERT_CHUNK)).execute());
  }
  return [...found.values()];
}

/** `c = <table>.c + excluded.c` for every count: the upsert adds the change to what is there. */
function addExcluded(table: string): Record<CountColumn, RawBuilder<number>> {
  const set = {} as Record<CountColumn, RawBuilder<number>>;
  for (const c of COUNT_COLUMNS) set[c] = sql<number>`${sql.ref(`${table}.${c}`)} + ${sql.ref(`excluded.${c}`)}`;
  return set;
}

const DAILY_KEY = ['jurisdiction_id', 'day', 'unit_id', 'line_id', 'case_type', 'channel'] as const;
const UNIT_KEY = ['jurisdiction_id', 'day', 'unit_id'] as const;
const SCOPE_KEY = ['jurisdiction_id', 'day', 'line_id', 'case_type', 'channel'] as const;

/**
 * Adds the pass's changes to `stat_daily`, `stat_unit_daily` and `stat_scope_daily`, one
 * set-based upsert per chunk, then deletes the rows the changes brought to all zero (only those:
 * the upserts return them). A rebuild never writes an all-zero row (every cell counts something),
 * so after this the tables equal a rebuild's.
 */
export async function applyDelta(db: Db, delta: RollupDelta): Promise<void> {
  // A case that only changed category moves rows here and nowhere else.
  await applyCategoryDelta(db, delta.categoryRows());
  const daily = delta.dailyRows();
  if (daily.length === 0) return;
  const unit = delta.unitRows();
  const scope = delta.scopeRows();
  for (let i = 0; i < daily.length; i += UPSERT_CHUNK) {
    const emptied = (
      await db
        .insertInto('stat_daily')
        .values(daily.slice(i, i + UPSERT_CHUNK))
        .onConflict((oc) => oc.columns(DAILY_KEY).doUpdateSet(addExcluded('stat_daily')))
        .returning([...DAILY_KEY, ...COUNT_COLUMNS])
        .execute()
    ).filter(isZero);
    for (let j = 0; j < emptied.length; j += DELETE_CHUNK) {
      const keys = emptied.slice(j, j + DELETE_CHUNK);
      await db
        .deleteFrom('stat_daily')
        .where((eb) => eb.or(keys.map((k) => eb.and(DAILY_KEY.map((col) => eb(col, '=', k[col]))))))
        .where((eb) => eb.and(COUNT_COLUMNS.map((c) => eb(c, '=', 0))))
        .execute();
    }
  }
  for (let i = 0; i < unit.length; i += UPSERT_CHUNK) {
    const emptied = (
      await db
        .insertInto('stat_unit_daily')
        .values(unit.slice(i, i + UPSERT_CHUNK))
        .onConflict((oc) => oc.columns(UNIT_KEY).doUpdateSet(addExcluded('stat_unit_daily')))
        .returning([...UNIT_KEY, ...COUNT_COLUMNS])
        .execute()
    ).filter(isZero);
    for (let j = 0; j < emptied.length; j += DELETE_CHUNK) {
      const keys: UnitRow[] = emptied.slice(j, j + DELETE_CHUNK);
      await db
        .deleteFrom('stat_unit_daily')
        .where((eb) => eb.or(keys.map((k) => eb.and(UNIT_KEY.map((col) => eb(col, '=', k[col]))))))
        .where((eb) => eb.and(COUNT_COLUMNS.map((c) => eb(c, '=', 0))))
        .execute();
    }
  }
  for (let i = 0; i < scope.length; i += UPSERT_CHUNK) {
    const emptied = (
      await db
        .insertInto('stat_scope_daily')
        .values(scope.slice(i, i + UPSERT_CHUNK))
        .onConflict((oc) => oc.columns(SCOPE_KEY).doUpdateSet(addExcluded('stat_scope_daily')))
        .returning([...SCOPE_KEY, ...COUNT_COLUMNS])
        .execute()
    ).filter(isZero);
    for (let j = 0; j < emptied.length; j += DELETE_CHUNK) {
      const keys: ScopeRow[] = emptied.slice(j, j + DELETE_CHUNK);
      await db
        .deleteFrom('stat_scope_daily')
        .where((eb) => eb.or(keys.map((k) => eb.and(SCOPE_KEY.map((col) => eb(col, '=', k[col]))))))
        .where((eb) => eb.and(COUNT_COLUMNS.map((c) => eb(c, '=', 0))))
        .execute();
    }
  }
}

const CATEGORY_KEY = ['jurisdiction_id', 'day', 'category_id'] as const;

/** The same upsert-and-delete-emptied for stat_category_daily (migration 0032, ADR 0026). */
async function applyCategoryDelta(db: Db, rows: readonly CategoryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
    const emptied = (
      await db
        .insertInto('stat_category_daily')
        .values(rows.slice(i, i + UPSERT_CHUNK))
        .onConflict((oc) => oc.columns(CATEGORY_KEY).doUpdateSet(addExcluded('stat_category_daily')))
        .returning([...CATEGORY_KEY, ...COUNT_COLUMNS])
        .execute()
    ).filter(isZero);
    for (let j = 0; j < emptied.length; j += DELETE_CHUNK) {
      const keys: CategoryRow[] = emptied.slice(j, j + DELETE_CHUNK);
      await db
        .deleteFrom('stat_category_daily')
        .where((eb) => eb.or(keys.map((k) => eb.and(CATEGORY_KEY.map((col) => eb(col, '=', k[col]))))))
        .where((eb) => eb.and(COUNT_COLUMNS.map((c) => eb(c, '=', 0))))
        .execute();
    }
  }
}
