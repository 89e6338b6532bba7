// The body of `npm run bench:cases` (run.ts), callable at a tiny size from a test
// (packages/server/test/bench-cases.test.ts) so it keeps running from a fresh clone on any day.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import type { SessionUser } from '../../packages/server/src/modules/auth/service.js';
import { openCase } from '../../packages/server/src/modules/cases/open-case.js';
import { listCases, searchCases } from '../../packages/server/src/modules/cases/service.js';
import { searchDocuments } from '../../packages/server/src/modules/search/store.js';
import { searchDocumentsBefore } from './search-before.js';
import { operatorQueueCounts } from '../../packages/server/src/modules/desk/home.js';
import { createJurisdiction, createOrgUnit } from '../../packages/server/src/modules/org/service.js';
import { sweepDeadlines } from '../../packages/server/src/modules/supervision/sweep.js';
import { generateCases } from './generate.js';
import type { Database } from '../../packages/server/src/db/database.js';
import { timeRuns } from '../support/timing.js';

export type CasesBenchResult = Record<string, number | string>;

/** Generates `cases` cases on a migrated database and times the list queries, intake and the sweep. */
export async function runCasesBench(database: Database, options: { cases: number; runs: number }): Promise<CasesBenchResult> {
  const median = async (fn: () => Promise<unknown>): Promise<number> => (await timeRuns(fn, options.runs)).median;
  const pii = createPiiCipher(randomBytes(32));
  const ctx = { db: database.db, dialect: database.dialect, pii };
  const j = await createJurisdiction(ctx.db, { code: 'bench', name: '基准市' });
  const city = await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: null, name: '市政府', kind: 'city' });
  const units: Array<{ id: string; path: string }> = [];
  for (let i = 0; i < 40; i++) units.push(await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: city.id, name: `部门${i}`, kind: 'department' }));

  const now = new Date();
  const t0 = performance.now();
  await generateCases(ctx.db, pii, { jurisdictionId: j.id, timezone: j.timezone, unitIds: units.map((u) => u.id), count: options.cases, now, searchIndex: database.dialect });
  // Fresh planner statistics, as the server keeps them (start-up and daily; autovacuum on PostgreSQL).
  if (database.dialect === 'postgres') await sql`ANALYZE`.execute(database.db);
  else await database.optimize();
  const generateMs = Math.round(performance.now() - t0);

  const user = (roles: SessionUser['roles'], unit: { id: string; path: string }): SessionUser => ({
    id: 'bench', jurisdictionId: j.id, username: 'bench', displayName: 'bench', roles, platformRoles: [], orgUnitId: unit.id, orgUnitName: 'x', orgUnitPath: unit.path, orgUnitKind: 'department',
  });
  const operator = user(['operator'], city);
  const handler = user(['handler'], units[0] ?? city);
  const base = { page: 1, pageSize: 20, sort: 'created' as const };
  // One case's own number in its text: a query matching a single document.
  const rare = `第${Math.floor(options.cases / 2)}号`;

  const figures = {
    cases: options.cases,
    db: database.dialect,
    generateMs,
    listNewestMs: await median(() => listCases(ctx, { user: operator, query: base })),
    listHandlerByDeadlineMs: await median(() => listCases(ctx, { user: handler, query: { ...base, sort: 'deadline' } })),
    listOverdueMs: await median(() => listCases(ctx, { user: operator, query: { ...base, overdue: true } })),
    listTextMs: await median(() => listCases(ctx, { user: operator, query: { ...base, q: '停水' } })),
    // Issue 12 §3: a caller by exact name (blind index), an operator queue in its order, and the queues' counts.
    listCallerNameMs: await median(() => listCases(ctx, { user: operator, query: { ...base, callerName: '居民42' } })),
    listQueueDispatchMs: await median(() => listCases(ctx, { user: operator, query: { ...base, sort: 'queue', queue: 'awaiting_dispatch' } })),
    listQueueVisitMs: await median(() => listCases(ctx, { user: operator, query: { ...base, sort: 'queue', queue: 'awaiting_visit' } })),
    queueCountsMs: await median(() => operatorQueueCounts(ctx, operator)),
    // The same queue asked as before migration 0045 (its statuses as bound values): no partial index.
    listQueueDispatchBeforeMs: await median(() => listCases(ctx, { user: operator, query: { ...base, sort: 'queue', statuses: ['received', 'triaged'] } })),
    // Issue 13 §3: the search index alone, newest matches first and capped (after) against ranking every match (before).
    searchCommonMs: await median(() => searchDocuments(ctx.db, ctx.dialect, { type: 'case', jurisdictionId: j.id, query: '停水', limit: 2000 })),
    searchCommonBeforeMs: await median(() => searchDocumentsBefore(ctx.db, ctx.dialect, { jurisdictionId: j.id, query: '停水', limit: 2000 })),
    searchPhraseMs: await median(() => searchDocuments(ctx.db, ctx.dialect, { type: 'case', jurisdictionId: j.id, query: '噪音扰民', limit: 2000 })),
    searchPhraseBeforeMs: await median(() => searchDocumentsBefore(ctx.db, ctx.dialect, { jurisdictionId: j.id, query: '噪音扰民', limit: 2000 })),
    searchRareMs: await median(() => searchDocuments(ctx.db, ctx.dialect, { type: 'case', jurisdictionId: j.id, query: rare, limit: 2000 })),
    searchRareBeforeMs: await median(() => searchDocumentsBefore(ctx.db, ctx.dialect, { jurisdictionId: j.id, query: rare, limit: 2000 })),
    searchCasesRankedMs: await median(() => searchCases(ctx, { user: operator, q: '停水', limit: 20 })),
    intakeMs: await median(() =>
      openCase(ctx, { jurisdiction: j, channel: 'phone', type: 'complaint', urgency: 'normal', content: '基准测试诉求内容。', callerPhone: '+8613800000000', actor: { kind: 'citizen' } }),
    ),
    sweepAllOverdueMs: 0,
    overdueSwept: 0,
    rssMb: 0,
  };
  const s0 = performance.now();
  for (;;) {
    const s = await sweepDeadlines(ctx, { batchSize: 500 });
    figures.overdueSwept += s.overdue;
    if (s.overdue + s.reminders === 0) break;
  }
  figures.sweepAllOverdueMs = Math.round(performance.now() - s0);
  figures.rssMb = Math.round(process.memoryUsage().rss / 1_048_576);
  return figures;
}
