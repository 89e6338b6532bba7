// Latency of POST /intake/check's service (checkIntake) against a generated database of N cases
// whose last 72 hours carry realistic wording from the labelled pairs.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import type { SessionUser } from '../../packages/server/src/modules/auth/service.js';
import { checkIntake } from '../../packages/server/src/modules/intake-check/service.js';
import { createJurisdiction, createOrgUnit } from '../../packages/server/src/modules/org/service.js';
import { generateCases } from '../cases/generate.js';
import { openBenchDatabase } from '../cases/database.js';
import { timeRuns } from '../support/timing.js';
import type { Pair } from './evaluate.js';

export async function measureLatency(opts: { cases: number; db: string; runs: number }, pairs: readonly Pair[]) {
  const stats = (fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> => timeRuns(fn, opts.runs);
  const { database, cleanup } = await openBenchDatabase(opts.db);
  try {
    await migrateToLatest(database.db);
    const pii = createPiiCipher(randomBytes(32));
    const ctx = { db: database.db, dialect: database.dialect, pii };
    const j = await createJurisdiction(ctx.db, { code: 'bench', name: '基准市' });
    const city = await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: null, name: '市政府', kind: 'city' });
    const now = new Date();
    const g0 = performance.now();
    await generateCases(ctx.db, pii, { jurisdictionId: j.id, timezone: j.timezone, unitIds: [city.id], count: opts.cases, now });
    // The generator's texts are ~20 characters; give the cases of the last 72 hours (the ones the
    // check scores) realistic wording from the labelled pairs (16 variants, by the id's first hex
    // digit) and a sealed address, so prefiltering, tokenizing and unsealing are measured.
    const since = new Date(now.getTime() - 72 * 3_600_000).toISOString();
    const hex = '0123456789abcdef';
    for (let k = 0; k < 16; k++) {
      const p = pairs[(k * 5) % pairs.length] as Pair;
      await ctx.db.updateTable('cases')
        .set({ content: sql`content || ${p.existing.content + p.incoming.content}`, address_enc: pii.encrypt(p.existing.address ?? '幸福路88号阳光小区3号楼') })
        .where('created_at', '>=', since)
        .where(sql`substr(id, 1, 1)`, '=', hex[k])
        .execute();
    }
    if (database.dialect === 'postgres') await sql`ANALYZE`.execute(database.db);
    else await database.optimize();
    const generateMs = Math.round(performance.now() - g0);
    const windowCases = Number((await ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('created_at', '>=', since).executeTakeFirstOrThrow()).n);

    const operator: SessionUser = {
      id: 'bench', jurisdictionId: j.id, username: 'bench', displayName: 'bench', roles: ['operator'], platformRoles: [],
      orgUnitId: city.id, orgUnitName: '市政府', orgUnitPath: city.path, orgUnitKind: 'city',
    };
    // A frequent caller of the generator's pool (+86138 1000 0000 … 1999) and a fresh one.
    const typical = { content: '阳光小区停水两天了，物业说在联系，但一直没有恢复时间，希望尽快处理。', callerPhone: '+8613810000007', address: '阳光小区3栋' };
    const sample = await checkIntake(ctx, { user: operator, input: typical, now });
    return {
      cases: opts.cases,
      db: database.dialect,
      windowCases,
      generateMs,
      checkWithCallerAndAddress: await stats(() => checkIntake(ctx, { user: operator, input: typical, now })),
      checkTextOnly: await stats(() => checkIntake(ctx, { user: operator, input: { content: '路灯不亮，晚上很黑，请尽快修理。' }, now })),
      sampleRepeats: sample.repeats.length,
      sampleSameIncident: sample.sameIncident.length,
    };
  } finally {
    await database.close();
    await cleanup();
  }
}
