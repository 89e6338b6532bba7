import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { addDays } from '../../packages/core/src/calendar/local-time.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import type { Database } from '../../packages/server/src/db/database.js';
import type { Timing } from '../support/timing.js';
import { loadCity, type LoadedCity } from './load.js';
import { previousMonth, timeDashboards, timeRefresh, type RefreshCost } from './measure.js';
import { dashboardQueries } from './queries.js';

export interface FiguresBenchOptions {
  cases: number;
  days: number;
  /** Cells are written for this many last days only (all by default). */
  cellDays?: number;
  runs: number;
  /** Numbers of changed cases per timed refresh pass. */
  refresh: readonly number[];
  /** Last day of the generated period; yesterday (UTC) by default. */
  lastDay?: string;
  progress?: (message: string) => void;
}

export interface FiguresBenchResult {
  db: string;
  cases: number;
  city: LoadedCity;
  tableRows: { stat_case_cells: number; cellsImplied: number; stat_daily: number; monthCity: number; monthDepartment: number };
  loadMs: number;
  analyseMs: number;
  dashboards: Record<string, Timing>;
  refresh: RefreshCost[];
}

/** Loads the city into a migrated, empty database and measures it (see bench/README.md). */
export async function runFiguresBench(database: Database, options: FiguresBenchOptions): Promise<FiguresBenchResult> {
  const lastDay = options.lastDay ?? addDays(new Date().toISOString().slice(0, 10), -1);
  const db = database.db;
  const city = await loadCity(db, database.dialect, { cases: options.cases, days: options.days, lastDay, ...(options.cellDays ? { cellDays: options.cellDays } : {}) }, (day) => {
    if (day.endsWith('-01')) options.progress?.(`loaded up to ${day}`);
  });
  // Fresh planner statistics, as the server keeps them (start-up and daily; autovacuum on PostgreSQL).
  const t0 = performance.now();
  if (database.dialect === 'postgres') await sql`ANALYZE`.execute(db);
  else await database.optimize();
  const analyseMs = Math.round(performance.now() - t0);

  const department = city.units.find((u) => u.kind === 'district');
  if (!department) throw new Error('the city has no district');
  const month = previousMonth(lastDay);
  const count = async (unitPath: string | null): Promise<number> => {
    let q = db
      .selectFrom('stat_daily')
      .innerJoin('org_units', 'org_units.id', 'stat_daily.unit_id')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('stat_daily.day', '>=', month.from)
      .where('stat_daily.day', '<=', month.to);
    if (unitPath) q = q.where('org_units.path', 'like', `${unitPath}%`);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const tableRows = { stat_case_cells: city.cells, cellsImplied: city.cellsImplied, stat_daily: city.dailyRows, monthCity: await count(null), monthDepartment: await count(department.path) };
  options.progress?.(`loaded in ${city.loadMs} ms, analysed in ${analyseMs} ms: ${JSON.stringify(tableRows)}`);

  const ctx = { db, dialect: database.dialect, pii: createPiiCipher(randomBytes(32)) };
  const dashboards = await timeDashboards(dashboardQueries(ctx), { city, department, lastDay, runs: options.runs });
  options.progress?.('dashboards timed');
  const refresh = await timeRefresh(ctx, city, options.refresh);
  return { db: database.dialect, cases: options.cases, city, tableRows, loadMs: city.loadMs, analyseMs, dashboards, refresh };
}
