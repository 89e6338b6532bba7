// What migration 0064's token@bucket index costs the writes of the search index (ADR 0070): the
// same N cases re-indexed through the app's indexDocument, one call each as intake does, with the
// index and without it (dropped inside the transaction), alternated, each round rolled back. GIN
// defers inserts to its pending list, so each round ends by flushing it (gin_clean_pending_list of
// both GIN indexes): the cost measured is the whole write. Prints the PostgreSQL backend's CPU (from
// /proc, the same machine) and the wall time, per document.
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --import tsx bench/city/bucket-write.ts DIR [--docs 500] [--rounds 4]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from '../../packages/server/src/db/schema.js';
import { indexDocument } from '../../packages/server/src/modules/search/store.js';
import { readKept } from './keep.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { docs: { type: 'string', default: '500' }, rounds: { type: 'string', default: '4' } } });
const kept = readKept(positionals[0] ?? '');
if (kept.database.kind !== 'postgres') throw new Error('PostgreSQL cities only');
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: kept.database.url, max: 1 }) }) });
const TICK_MS = 10; // /proc/PID/stat counts clock ticks (USER_HZ = 100)

const cases = await sql<{ id: string; content: string }>`SELECT id, content FROM cases WHERE jurisdiction_id = ${kept.city.jurisdictionId}
  ORDER BY created_at DESC LIMIT ${Number(values.docs)}`.execute(db);
const backendCpuMs = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
};

async function round(withBucket: boolean): Promise<{ cpu: number; wall: number }> {
  let spent = { cpu: 0, wall: 0 };
  await db.transaction().execute(async (trx: Transaction<DB>) => {
    const pid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx)).rows[0]?.pid ?? 0;
    if (!withBucket) await sql`DROP INDEX search_documents_bucket_tokens`.execute(trx);
    const cpu0 = backendCpuMs(pid);
    const wall0 = performance.now();
    for (const c of cases.rows) await indexDocument(trx, 'postgres', { type: 'case', id: c.id, jurisdictionId: kept.city.jurisdictionId, text: c.content });
    await sql`SELECT gin_clean_pending_list(indexrelid) FROM pg_index WHERE indrelid = 'search_documents'::regclass AND indexrelid::regclass::text LIKE '%tokens%'`.execute(trx);
    spent = { cpu: backendCpuMs(pid) - cpu0, wall: performance.now() - wall0 };
    throw new RolledBack();
  }).catch((e: unknown) => { if (!(e instanceof RolledBack)) throw e; });
  return spent;
}
class RolledBack extends Error {}

const n = cases.rows.length;
for (let i = 0; i < Number(values.rounds); i++) {
  for (const withBucket of [false, true]) {
    const r = await round(withBucket);
    console.log(JSON.stringify({ round: i, bucketIndex: withBucket, docs: n, backendCpuMsPerDoc: +(r.cpu / n).toFixed(3), wallMsPerDoc: +(r.wall / n).toFixed(3) }));
  }
}
await db.destroy();
