// Case list export at scale: the whole jurisdiction's cases streamed as CSV and as .xlsx into a
// sink that only counts bytes, on SQLite (default) or PostgreSQL. Data is generated at run time.
//   npm run bench:exports -- --cases 100000 [--db postgres]
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import type { SessionUser } from '../../packages/server/src/modules/auth/service.js';
import { caseColumns } from '../../packages/server/src/modules/exports/case-columns.js';
import { prepareCaseExport } from '../../packages/server/src/modules/exports/case-export.js';
import { csvStream, toCells } from '../../packages/server/src/modules/exports/table.js';
import { xlsxStream } from '../../packages/server/src/modules/exports/xlsx-stream.js';
import { createJurisdiction, createOrgUnit } from '../../packages/server/src/modules/org/service.js';
import { generateCases } from '../cases/generate.js';
import { openBenchDatabase } from '../cases/database.js';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000' }, db: { type: 'string', default: 'sqlite' } } });
const count = Number(values.cases);
const mb = (bytes: number): number => Math.round(bytes / 1_048_576);

const { database, cleanup } = await openBenchDatabase(String(values.db));
try {
  await migrateToLatest(database.db);
  const pii = createPiiCipher(randomBytes(32));
  const ctx = { db: database.db, dialect: database.dialect, pii };
  const j = await createJurisdiction(ctx.db, { code: 'bench', name: '基准市' });
  const city = await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: null, name: '市政府', kind: 'city' });
  const units: string[] = [];
  for (let i = 0; i < 40; i++) units.push((await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: city.id, name: `部门${i}`, kind: 'department' })).id);
  await generateCases(ctx.db, pii, { jurisdictionId: j.id, timezone: j.timezone, unitIds: units, count, now: new Date(), searchIndex: database.dialect });
  if (database.dialect === 'postgres') await sql`ANALYZE`.execute(database.db);
  else await database.optimize();
  const operator: SessionUser = {
    id: 'bench', jurisdictionId: j.id, username: 'bench', displayName: 'bench', roles: ['operator'], platformRoles: [],
    orgUnitId: city.id, orgUnitName: '市政府', orgUnitPath: city.path, orgUnitKind: 'city',
  };

  const run = async (format: 'csv' | 'xlsx') => {
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const t0 = performance.now();
    const exported = await prepareCaseExport(ctx, { user: operator, query: {}, format, maxRows: count, ip: '127.0.0.1' });
    const sheet = toCells({ name: '工单', columns: caseColumns(exported.timeZone), pages: exported.pages });
    let bytes = 0;
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => ((bytes += chunk.length), done()) });
    await pipeline(format === 'csv' ? csvStream(sheet) : xlsxStream([sheet], (err) => console.error(err)), sink);
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { format, rows: exported.rows, seconds: Number(seconds.toFixed(2)), rowsPerSecond: Math.round(exported.rows / seconds), fileMb: mb(bytes), rssBeforeMb: mb(rssBefore), peakRssMb: mb(peak) };
  };
  const results = [await run('csv'), await run('xlsx')];
  console.table(results);
  console.log(JSON.stringify({ cases: count, db: database.dialect, results }));
} finally {
  await database.close();
  await cleanup();
}
