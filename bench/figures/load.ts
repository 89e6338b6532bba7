import { sql, type Kysely } from 'kysely';
import { addDays } from '../../packages/core/src/calendar/local-time.js';
import type { Dialect } from '../../packages/server/src/db/database.js';
import type { DB } from '../../packages/server/src/db/schema.js';
import { seedDefaultCategories } from '../../packages/server/src/modules/categories/seed.js';
import { createJurisdiction, createOrgUnit } from '../../packages/server/src/modules/org/service.js';
import { cityCells, COUNT_COLUMNS, LINES, planUnits, type CityOptions, type Counts, type PlannedUnit } from './city.js';

export interface LoadedUnit extends PlannedUnit {
  id: string;
  path: string;
}

export interface LoadedCity {
  jurisdictionId: string;
  units: LoadedUnit[];
  /** Cells written (those of the last `cellDays` days) and cells the whole history implies. */
  cells: number;
  cellsImplied: number;
  dailyRows: number;
  loadMs: number;
}

const KEY_COLUMNS = ['jurisdiction_id', 'day', 'unit_id', 'line_id', 'case_type', 'channel'] as const;
const BATCH = 5000;

/**
 * stat_daily rows of one day summed over all key columns but `keep` (indexes into the key):
 * the rows of stat_unit_daily and stat_scope_daily (migration 0023).
 */
function sumOver(rows: readonly unknown[][], keep: readonly number[]): unknown[][] {
  const sums = new Map<string, unknown[]>();
  for (const row of rows) {
    const key = keep.map((i) => row[i]);
    const id = key.join('|');
    const sum = sums.get(id);
    if (!sum) sums.set(id, [...key, ...row.slice(KEY_COLUMNS.length)]);
    else for (let i = keep.length; i < sum.length; i++) sum[i] = (sum[i] as number) + (row[i - keep.length + KEY_COLUMNS.length] as number);
  }
  return [...sums.values()];
}

function* chunks<T>(rows: readonly T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}

/**
 * A case's category: a leaf picked by the case number's hash, squared so the first leaves take
 * most cases (as 占道经营, 噪声 and 物业 do in a real hotline); one in ten has none, like cases from
 * before categories.
 */
export function caseCategory(leaves: readonly string[], caseNo: number): string | null {
  const u = (Math.imul(caseNo + 1, 2654435761) >>> 0) / 2 ** 32;
  if (caseNo % 10 === 9 || leaves.length === 0) return null;
  return leaves[Math.floor(u * u * leaves.length)] ?? null;
}

async function leafCategories(db: Kysely<DB>, jurisdictionId: string): Promise<string[]> {
  const rows = await db.selectFrom('case_categories').select(['id', 'parent_id']).where('jurisdiction_id', '=', jurisdictionId).orderBy('code').execute();
  const parents = new Set(rows.map((r) => r.parent_id));
  return rows.filter((r) => !parents.has(r.id)).map((r) => r.id);
}

/**
 * Bench ids look like UUIDs and sort in order of receipt within each table, as the product's own
 * time-ordered ids (UUIDv7, ADR 0074) do: a generated city's id indexes are laid out as a grown
 * one's, and every id the product makes later sorts after them all (their first digits are 0000000N).
 */
export const benchId = (prefix: number, n: number): string => `${String(prefix).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * Inserts rows in one statement per batch without a bound parameter per value: PostgreSQL
 * gets one array per column (`unnest`), SQLite one JSON text (`json_each`). Ten times faster
 * than multi-row VALUES here, which is what makes 10 M cases loadable in minutes.
 */
async function bulkInsert(db: Kysely<DB>, dialect: Dialect, table: string, columns: readonly string[], ints: number, rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.join(columns.map((c) => sql.ref(c)));
  if (dialect === 'postgres') {
    const arrays = columns.map((_, i) => sql`${rows.map((r) => r[i])}::${sql.raw(i >= columns.length - ints ? 'int' : 'text')}[]`);
    await sql`INSERT INTO ${sql.table(table)} (${names}) SELECT * FROM unnest(${sql.join(arrays)})`.execute(db);
  } else {
    const picks = sql.raw(columns.map((_, i) => `value->>${i}`).join(', '));
    await sql`INSERT INTO ${sql.table(table)} (${names}) SELECT ${picks} FROM json_each(${JSON.stringify(rows)})`.execute(db);
  }
}

/**
 * Builds the city: jurisdiction and units through the real services, then stat_case_cells and
 * stat_daily as the figures job would have left them after `days` days of `cases` appeals.
 * stat_daily is summed here, day by day as the receipt days pass (a day receives no more
 * cells once its cases are generated); the tiny-size test proves it equals what the job's own
 * `resumDays` computes from the cells. The cells name cases that are not in `cases` (the
 * load turns foreign-key checks off on its connection): the dashboard never reads cases, and
 * the refresh reads them by primary key only (see docs/benchmarks.md).
 */
export async function loadCity(
  db: Kysely<DB>,
  dialect: Dialect,
  options: CityOptions & { cellDays?: number },
  progress?: (day: string) => void,
): Promise<LoadedCity> {
  const started = performance.now();
  const j = await createJurisdiction(db, { code: 'bench-figures', name: '基准市', timezone: 'Asia/Shanghai' });
  const plan = planUnits();
  const units: LoadedUnit[] = [];
  for (const u of plan) {
    const parentId = u.parent === null ? null : (units[u.parent]?.id ?? null);
    units.push({ ...u, ...(await createOrgUnit(db, { jurisdictionId: j.id, parentId, name: u.name, kind: u.kind })) });
  }
  const lineIds = Array.from({ length: LINES }, (_, i) => benchId(1, i));
  // The default category tree, and each case a leaf of it (ADR 0026): a few leaves take most cases.
  await seedDefaultCategories(db, j.id);
  const leaves = await leafCategories(db, j.id);
  const cellColumns = ['case_id', ...KEY_COLUMNS, 'category_id', ...COUNT_COLUMNS];
  const dailyColumns = [...KEY_COLUMNS, ...COUNT_COLUMNS];
  const unitColumns = ['jurisdiction_id', 'day', 'unit_id', ...COUNT_COLUMNS];
  const scopeColumns = ['jurisdiction_id', 'day', 'line_id', 'case_type', 'channel', ...COUNT_COLUMNS];
  const categoryColumns = ['jurisdiction_id', 'day', 'category_id', ...COUNT_COLUMNS];
  let cells = 0;
  let cellsImplied = 0;
  let dailyRows = 0;
  // Only the refresh reads cells, and only those of the days its changed cases touch (recent
  // ones) and of the cases themselves (by primary key): older cells change no measured figure
  // but would double the load time (ADR 0018).
  const firstCellDay = addDays(options.lastDay, 1 - (options.cellDays ?? options.days));

  await db.connection().execute(async (conn) => {
    if (dialect === 'postgres') await sql`SET session_replication_role = replica`.execute(conn);
    else await sql`PRAGMA foreign_keys = OFF`.execute(conn);
    // One transaction per month of receipt days: a commit per statement would make the load
    // wait on a disk flush thousands of times.
    await sql`BEGIN`.execute(conn);
    let receiptDays = 0;
    const pending = new Map<string, Map<string, Counts>>();
    // stat_category_daily, per day then category ('' none), finished with the day like stat_daily.
    const pendingCategory = new Map<string, Map<string, Counts>>();
    let cellRows: unknown[][] = [];
    const flushCells = async (): Promise<void> => {
      await bulkInsert(conn, dialect, 'stat_case_cells', cellColumns, COUNT_COLUMNS.length, cellRows);
      cells += cellRows.length;
      cellRows = [];
    };
    for (const { day, cells: dayCells } of cityCells(options, units.length)) {
      for (const c of dayCells) {
        const key = [j.id, c.day, units[c.unit]?.id, c.line < 0 ? '' : lineIds[c.line], c.type, c.channel].join('|');
        let byKey = pending.get(c.day);
        if (!byKey) pending.set(c.day, (byKey = new Map()));
        const sum = byKey.get(key);
        if (sum) for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) + (c.counts[i] as number);
        else byKey.set(key, [...c.counts]);
        cellsImplied++;
        const categoryId = caseCategory(leaves, c.caseNo);
        let byCategory = pendingCategory.get(c.day);
        if (!byCategory) pendingCategory.set(c.day, (byCategory = new Map()));
        const categorySum = byCategory.get(categoryId ?? '');
        if (categorySum) for (let i = 0; i < categorySum.length; i++) categorySum[i] = (categorySum[i] as number) + (c.counts[i] as number);
        else byCategory.set(categoryId ?? '', [...c.counts]);
        if (c.day < firstCellDay) continue;
        cellRows.push([benchId(2, c.caseNo), ...key.split('|'), categoryId, ...c.counts]);
        if (cellRows.length >= BATCH) await flushCells();
      }
      // No later receipt day adds to this day: its rollup rows are final.
      const finished = [...(pending.get(day) ?? new Map<string, Counts>())].map(([key, counts]) => [...key.split('|'), ...counts]);
      pending.delete(day);
      const categoryRows = [...(pendingCategory.get(day) ?? new Map<string, Counts>())].map(([categoryId, counts]) => [j.id, day, categoryId, ...counts]);
      pendingCategory.delete(day);
      await bulkInsert(conn, dialect, 'stat_category_daily', categoryColumns, COUNT_COLUMNS.length, categoryRows);
      for (const part of chunks(finished)) await bulkInsert(conn, dialect, 'stat_daily', dailyColumns, COUNT_COLUMNS.length, part);
      dailyRows += finished.length;
      await bulkInsert(conn, dialect, 'stat_unit_daily', unitColumns, COUNT_COLUMNS.length, sumOver(finished, [0, 1, 2]));
      for (const part of chunks(sumOver(finished, [0, 1, 3, 4, 5]))) await bulkInsert(conn, dialect, 'stat_scope_daily', scopeColumns, COUNT_COLUMNS.length, part);
      progress?.(day);
      if (++receiptDays % 30 === 0) {
        await sql`COMMIT`.execute(conn);
        await sql`BEGIN`.execute(conn);
      }
    }
    await flushCells();
    await sql`COMMIT`.execute(conn);
    if (dialect === 'postgres') await sql`SET session_replication_role = DEFAULT`.execute(conn);
    else await sql`PRAGMA foreign_keys = ON`.execute(conn);
  });
  return { jurisdictionId: j.id, units, cells, cellsImplied, dailyRows, loadMs: Math.round(performance.now() - started) };
}
