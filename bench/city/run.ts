// The 10-million-case city (issue 13 §3): generates a city at the latest migration in minutes,
// then times the case lists, counts and month dashboard through the real server over HTTP.
//   npm run bench:city -- --cases 10000000 [--db postgres] [--keep DIR] [--runs 40] [--no-bench] [--open-share 0.9]
//   npm run bench:city -- --from DIR [--runs 40] [--server product|source] [--client child|fetch] [--only REGEX] [--warm N]   # bench a kept city again
// The server timed is the product's, compiled (the npm script builds it first) and run as
// `npm start` runs it; --server source times bench/city/server.ts under tsx instead (ADR 0066),
// which also reports its own time, CPU and GCs per request (Server-Timing; ADR 0064).
// CITY_SERVER_ARGS='--cpu-prof --trace-gc' passes Node flags to the server process alone.
// --keep DIR leaves the database (SQLite: DIR/city.db; PostgreSQL: a database named in
// DIR/city.json, with the sealing key) for other benches; without it everything is removed.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../../packages/server/src/db/database.js';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { runCityBench, type CityServer } from './bench.js';
import { generateCity } from './generate.js';
import { newCityDatabase, readKept, writeKept, type KeptCity } from './keep.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000000' },
    db: { type: 'string', default: 'sqlite' },
    keep: { type: 'string' },
    from: { type: 'string' },
    runs: { type: 'string', default: '40' },
    'no-bench': { type: 'boolean', default: false },
    server: { type: 'string', default: 'product' },
    // The probes' client: `child` (lean, own process, one kept-alive socket) or `fetch` (the first one, in this process).
    client: { type: 'string', default: 'child' },
    // Only the probes whose name matches (a regular expression), e.g. `--only screen-pop`.
    only: { type: 'string' },
    // Untimed screen-pop requests first, so the server runs as one that has been up a while (bench.ts#warmUpPaths).
    warm: { type: 'string', default: '0' },
    // The share of dispatched cases left open at any age (a city with a chosen number of open cases).
    'open-share': { type: 'string' },
  },
});
const log = (m: string): void => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

let kept: KeptCity;
let cleanup = async (): Promise<void> => undefined;
if (values.from) {
  kept = readKept(values.from);
  // A kept city follows the migrations written since it was generated (an index added later).
  const d = openDatabase(kept.database);
  try {
    const applied = await migrateToLatest(d.db);
    if (applied.length > 0) {
      await sql`ANALYZE`.execute(d.db);
      log(`migrated the kept city: ${applied.join(', ')}`);
    }
  } finally {
    await d.close();
  }
} else {
  const dir = values.keep ?? mkdtempSync(path.join(tmpdir(), 'openline-city-'));
  const target = await newCityDatabase(String(values.db), dir);
  if (!values.keep) cleanup = async () => {
    await target.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const { phoneOf: _phoneOf, ...city } = await generateCity(target.config, {
      cases: Number(values.cases), key: target.key, progress: log, ...(values['open-share'] ? { openShare: Number(values['open-share']) } : {}),
    });
    kept = { database: target.config, key: target.key.toString('base64'), city };
  } catch (err) {
    await cleanup();
    throw err;
  }
  log(`generated ${city(kept)} in ${kept.city.seconds.total} s`);
  if (values.keep) log(`kept: ${writeKept(dir, kept)}`);
}
/** The database's size on disk and per case (SQLite: the file; PostgreSQL: pg_database_size). */
async function databaseSize(k: KeptCity): Promise<{ bytes: number; bytesPerCase: number }> {
  let bytes = 0;
  if (k.database.kind === 'sqlite') bytes = statSync(k.database.file).size;
  else {
    const d = openDatabase(k.database);
    try {
      const r = await sql<{ b: string }>`SELECT pg_database_size(current_database())::text AS b`.execute(d.db);
      bytes = Number(r.rows[0]?.b ?? 0);
    } finally {
      await d.close();
    }
  }
  return { bytes, bytesPerCase: Math.round(bytes / Math.max(1, k.city.rows.cases ?? 1)) };
}
function city(k: KeptCity): string {
  return `${k.city.rows.cases} cases (${k.city.openCases} open, ${k.city.overdueCases} overdue) on ${k.database.kind}`;
}
try {
  console.log(JSON.stringify({ generated: { db: kept.database.kind, ...kept.city.rows, open: kept.city.openCases, overdue: kept.city.overdueCases, seconds: kept.city.seconds, cpuSeconds: kept.city.cpuSeconds, ...(await databaseSize(kept)) } }));
  if (!values['no-bench']) {
    const server: CityServer = values.server === 'source' ? 'source' : 'product';
    const client = values.client === 'fetch' ? 'fetch' : 'child';
    log(`server: ${server}; client: ${client}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const result = await runCityBench(kept, { runs: Number(values.runs), server, client, warm: Number(values.warm), ...(values.only ? { only: new RegExp(values.only) } : {}), log });
    log(`server (${server}) RSS: ${result.startRssMb} MB started, ${result.peakRssMb} MB peak, ${result.rssMb} MB at the end`);
    console.table(result.table);
    console.log('the slowest 1 % of each probe, mean ms per phase (client = what the client waited; outside = client − server app):');
    console.table(result.tails);
    console.log('the 1 % of each probe that took the server the most CPU, the same means:');
    console.table(result.cpuTails);
    log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    console.log(JSON.stringify(result));
  }
} finally {
  await cleanup();
}
