import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { runCityBench, type CityBenchResult } from '../../../bench/city/bench.js';
import { generateCity, type GeneratedCity } from '../../../bench/city/generate.js';
import { newCityDatabase } from '../../../bench/city/keep.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { fill as fillScopes } from '../src/db/migrations/0051_case_scopes.js';
import { fill as fillScopeDeadlines } from '../src/db/migrations/0056_case_scope_deadlines.js';
import { describeDb, dialect } from './support/test-context.js';

/** Every index of the database, as its definition (names of the database itself left out). */
async function indexDefinitions(database: Database): Promise<string[]> {
  if (database.dialect === 'sqlite') {
    const r = await sql<{ d: string }>`SELECT tbl_name || ': ' || COALESCE(sql, name) AS d FROM sqlite_master WHERE type = 'index'`.execute(database.db);
    return r.rows.map((x) => x.d).sort();
  }
  const r = await sql<{ d: string }>`SELECT tablename || ': ' || indexdef AS d FROM pg_indexes WHERE schemaname = current_schema()`.execute(database.db);
  return r.rows.map((x) => x.d).sort();
}

/**
 * `npm run bench:city` at a tiny size on both databases (issue 13 §3): the bulk generator leaves
 * a database the app reads like its own (the indexes exactly the migrations', every role's list
 * answering through the real server), and the bench runs from a fresh clone.
 */
describeDb(`10 M city benchmark, tiny (${dialect})`, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'openline-city-test-'));
  const drops: Array<() => Promise<void>> = [];
  let city: GeneratedCity;
  let result: CityBenchResult;
  let generated: Database;
  let migrated: Database;

  beforeAll(async () => {
    const adminUrl = inject('pgAdminUrl') ?? undefined;
    const target = await newCityDatabase(dialect, path.join(dir, 'city'), adminUrl);
    drops.push(target.drop);
    city = await generateCity(target.config, { cases: 3000, days: 120, key: target.key });
    result = await runCityBench({ database: target.config, key: target.key.toString('base64'), city }, { runs: 1, warm: 4, log: () => undefined });
    generated = openDatabase(target.config);
    const fresh = await newCityDatabase(dialect, path.join(dir, 'fresh'), adminUrl);
    drops.push(fresh.drop);
    migrated = openDatabase(fresh.config);
    await migrateToLatest(migrated.db);
  }, 300_000);
  afterAll(async () => {
    await generated?.close();
    await migrated?.close();
    for (const drop of drops) await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates the city with the skew asked for: about 30 % open, the busiest unit far above the quietest', async () => {
    expect(city.rows.cases).toBe(3000);
    const counted = await generated.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(3000);
    expect(city.openCases / 3000).toBeGreaterThan(0.2);
    expect(city.openCases / 3000).toBeLessThan(0.6);
    const [hot] = city.unitsByVolume;
    expect(hot?.cases ?? 0).toBeGreaterThan(10 * (city.unitsByVolume.find((u) => u.cases > 0 && u !== hot && u.cases < (hot?.cases ?? 0) / 10)?.cases ?? 0));
    const docs = await sql<{ n: number }>`SELECT count(*) AS n FROM search_documents WHERE doc_type = 'case'`.execute(generated.db);
    expect(Number(docs.rows[0]?.n)).toBe(3000);
  });

  it('ends with exactly the indexes the migrations create', async () => {
    expect(await indexDefinitions(generated)).toEqual(await indexDefinitions(migrated));
  });

  it('answers every list page and dashboard through the server, counts capped', () => {
    expect(Object.keys(result.table).length).toBeGreaterThan(20);
    for (const row of Object.values(result.table)) expect(row.max).toBeGreaterThan(0);
    expect(result.table['operator: all cases, newest first']?.total).toBe('≥1000');
    // The screen-pop and search probes ran through the server too (a non-200 throws).
    expect(result.table['screen-pop: caller history, any caller']?.runs).toBe(1);
    expect(result.table['search: 停水']?.runs).toBe(1);
    expect(result.peakRssMb).toBeGreaterThan(0);
  });

  it('writes the scope key the migrations would derive from its cases and deadlines, row for row', async () => {
    // Last: it rewrites case_scopes from the migrations' own fill statements and compares.
    const scopeRows = sql`SELECT case_id, unit_id, jurisdiction_id, created_at, lead, due_at, active FROM case_scopes`;
    const written = await sql<Record<string, unknown>>`${scopeRows} ORDER BY case_id, unit_id`.execute(generated.db);
    await sql`DELETE FROM case_scopes`.execute(generated.db);
    await fillScopes(generated.db);
    await fillScopeDeadlines(generated.db);
    const derived = await sql<Record<string, unknown>>`${scopeRows} ORDER BY case_id, unit_id`.execute(generated.db);
    expect(written.rows.length).toBeGreaterThan(3000);
    expect(written.rows).toEqual(derived.rows);
  });
});
