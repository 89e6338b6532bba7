// Duplicate and repeat detection at intake (issue 4): precision and recall of core's
// classifyCandidate on the hand-written pairs in pairs.json, then the latency of
// POST /intake/check's service against a generated database of N cases.
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --import tsx bench/duplicates/run.ts -- --cases 1000000 [--db postgres] [--verbose]
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { classifyCandidate, numbersConflict, samePlace, textSimilarity, textTokens } from '../../packages/core/src/similarity/index.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import type { SessionUser } from '../../packages/server/src/modules/auth/service.js';
import { checkIntake } from '../../packages/server/src/modules/intake-check/service.js';
import { createJurisdiction, createOrgUnit } from '../../packages/server/src/modules/org/service.js';
import { generateCases } from '../cases/generate.js';
import { openBenchDatabase } from '../cases/database.js';
import { timeRuns } from '../support/timing.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    cases: { type: 'string', default: '100000' },
    db: { type: 'string', default: 'sqlite' },
    runs: { type: 'string', default: '50' },
    verbose: { type: 'boolean', default: false },
    'pairs-only': { type: 'boolean', default: false },
  },
});

interface Pair {
  id: number;
  label: 'repeat' | 'same_incident' | 'none';
  kind: string;
  sameCaller: boolean;
  candidateOpen: boolean;
  ageHours: number;
  incoming: { content: string; address: string | null };
  existing: { content: string; address: string | null };
}

// ---- 1. precision and recall on the labelled pairs ----
const { pairs } = JSON.parse(readFileSync(new URL('./pairs.json', import.meta.url), 'utf8')) as { pairs: Pair[] };
const counts = { repeat: { tp: 0, fp: 0, fn: 0 }, same_incident: { tp: 0, fp: 0, fn: 0 } };
const t0 = performance.now();
for (const p of pairs) {
  const similarity = textSimilarity(p.incoming.content, p.existing.content);
  const predicted = classifyCandidate({
    textSimilarity: similarity,
    sameCaller: p.sameCaller,
    place: samePlace(p.incoming.address, p.existing.address, ['测试市']),
    ageMs: p.ageHours * 3_600_000,
    candidateOpen: p.candidateOpen,
    numbersConflict: numbersConflict(textTokens(p.incoming.content), textTokens(p.existing.content)),
  }) ?? 'none';
  for (const kind of ['repeat', 'same_incident'] as const) {
    if (predicted === kind && p.label === kind) counts[kind].tp++;
    else if (predicted === kind) counts[kind].fp++;
    else if (p.label === kind) counts[kind].fn++;
  }
  if (values.verbose && predicted !== p.label) {
    console.log(`#${p.id} ${p.kind} label=${p.label} predicted=${predicted} sim=${similarity.toFixed(3)} place=${samePlace(p.incoming.address, p.existing.address)} | ${p.existing.content} [${p.existing.address}] | ${p.incoming.content} [${p.incoming.address}]`);
  }
}
const classifyUs = ((performance.now() - t0) * 1000) / pairs.length;
const ratio = (a: number, b: number): number => (b === 0 ? 1 : Number((a / b).toFixed(3)));
const all = { tp: counts.repeat.tp + counts.same_incident.tp, fp: counts.repeat.fp + counts.same_incident.fp, fn: counts.repeat.fn + counts.same_incident.fn };
const quality = {
  pairs: pairs.length,
  repeatPrecision: ratio(counts.repeat.tp, counts.repeat.tp + counts.repeat.fp),
  repeatRecall: ratio(counts.repeat.tp, counts.repeat.tp + counts.repeat.fn),
  sameIncidentPrecision: ratio(counts.same_incident.tp, counts.same_incident.tp + counts.same_incident.fp),
  sameIncidentRecall: ratio(counts.same_incident.tp, counts.same_incident.tp + counts.same_incident.fn),
  precision: ratio(all.tp, all.tp + all.fp),
  recall: ratio(all.tp, all.tp + all.fn),
  scoreAndClassifyUsPerPair: Number(classifyUs.toFixed(1)),
};
console.table(quality);
console.log(JSON.stringify(quality));
if (values['pairs-only']) process.exit(0);

// ---- 2. latency of the intake check at N cases ----
const count = Number(values.cases);
const runs = Number(values.runs);


const stats = (fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> => timeRuns(fn, runs);

const { database, cleanup } = await openBenchDatabase(String(values.db));
try {
  await migrateToLatest(database.db);
  const pii = createPiiCipher(randomBytes(32));
  const ctx = { db: database.db, dialect: database.dialect, pii };
  const j = await createJurisdiction(ctx.db, { code: 'bench', name: '基准市' });
  const city = await createOrgUnit(ctx.db, { jurisdictionId: j.id, parentId: null, name: '市政府', kind: 'city' });
  const now = new Date();
  const g0 = performance.now();
  await generateCases(ctx.db, pii, { jurisdictionId: j.id, unitIds: [city.id], count, now });
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
    id: 'bench', jurisdictionId: j.id, username: 'bench', displayName: 'bench', roles: ['operator'],
    orgUnitId: city.id, orgUnitName: '市政府', orgUnitPath: city.path, orgUnitKind: 'city',
  };
  // A frequent caller of the generator's pool (+86138 1000 0000 … 1999) and a fresh one.
  const typical = { content: '阳光小区停水两天了，物业说在联系，但一直没有恢复时间，希望尽快处理。', callerPhone: '+8613810000007', address: '阳光小区3栋' };
  const sample = await checkIntake(ctx, { user: operator, input: typical, now });
  const figures = {
    cases: count,
    db: database.dialect,
    windowCases,
    generateMs,
    checkWithCallerAndAddress: await stats(() => checkIntake(ctx, { user: operator, input: typical, now })),
    checkTextOnly: await stats(() => checkIntake(ctx, { user: operator, input: { content: '路灯不亮，晚上很黑，请尽快修理。' }, now })),
    sampleRepeats: sample.repeats.length,
    sampleSameIncident: sample.sameIncident.length,
  };
  console.log(JSON.stringify(figures));
} finally {
  await database.close();
  await cleanup();
}
