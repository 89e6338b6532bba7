import type { AppContext } from '../lib/app-context.js';
import { nowIso } from '../lib/ids.js';
import { inTransaction } from '../lib/unit-of-work.js';
import { countJurisdictions } from '../modules/org/repository.js';
import { rebuildFigures } from '../modules/stats/rollup.js';
import { categoriseDemoCases } from '../modules/categories/demo.js';
import { seedDefaultCategories } from '../modules/categories/seed.js';
import { createJurisdiction } from '../modules/org/service.js';
import { planDemoCalls, writeDemoCalls } from './calls.js';
import { planDemoCases } from './generator.js';
import { createDemoOrg } from './org-tree.js';
import { createDemoArticles } from './kb-articles.js';
import { upsertSetting } from './repository.js';
import { createDemoLines, createDemoStaff } from './staff.js';
import { writeDemoCases } from './write-cases.js';

/** What fastify's `app.log` (pino) offers and the loader needs. */
export interface DemoLog {
  info(msg: string): void;
  info(obj: object, msg: string): void;
  warn(msg: string): void;
}

export const DEMO_JURISDICTION_CODE = 'demo-city';
export const DEMO_CASE_COUNT = 300;
/** Written by the loader: tells start-up to look for accounts with the published password. */
export const DEMO_SEEDED_SETTING = 'demo_seeded_at';

/**
 * Loads 示例市 — org tree, one staff user per role, published lines, four months of appeals and
 * a month of calls on the voice lines (some cold)
 * — into an empty database, in one transaction: the demo is there completely or not
 * at all. A database that already has any jurisdiction is never touched, whatever it holds,
 * so DEMO=1 left on by mistake cannot mix fake appeals into a real city's records.
 */
export async function seedDemoIfEmpty(
  ctx: AppContext,
  options: { log: DemoLog; now?: Date; caseCount?: number },
): Promise<{ usernames: string[]; cases: number; calls: number } | null> {
  const { log } = options;
  const notLoaded = (): null => {
    log.info('Demo data not loaded: the database already has a jurisdiction');
    return null;
  };
  if ((await countJurisdictions(ctx.db)) > 0) return notLoaded();

  const started = performance.now();
  const now = options.now ?? new Date();
  const plans = planDemoCases({ now, count: options.caseCount ?? DEMO_CASE_COUNT });
  try {
    const result = await inTransaction(ctx, async (tx) => {
      const trx = tx.db;
      // Checked again inside the transaction: another process may have seeded meanwhile.
      if ((await countJurisdictions(trx)) > 0) return null;
      const jurisdiction = await createJurisdiction(trx, { code: DEMO_JURISDICTION_CODE, name: '示例市', timezone: 'Asia/Shanghai' });
      const org = await createDemoOrg(trx, jurisdiction.id);
      const staff = await createDemoStaff(trx, jurisdiction.id, org);
      const lineIds = await createDemoLines(trx, jurisdiction.id, staff);
      await seedDefaultCategories(trx, jurisdiction.id);
      await writeDemoCases(tx, { jurisdiction, org, staff, lineIds }, plans);
      const calls = await writeDemoCalls(trx, { pii: tx.pii, jurisdictionId: jurisdiction.id, lineIds, userIdByName: staff.idByUsername, calls: planDemoCalls(now) });
      await categoriseDemoCases(trx, jurisdiction.id);
      await createDemoArticles(trx, { jurisdictionId: jurisdiction.id, authorId: staff.idByUsername.get('admin') ?? null, at: nowIso(now) });
      await upsertSetting(trx, DEMO_SEEDED_SETTING, nowIso(now), nowIso());
      return { usernames: staff.usernames, cases: plans.length, calls };
    });
    if (!result) return notLoaded();
    // The figures now, not after the worker's first pass: the dashboard opens on them.
    await rebuildFigures(ctx, { now });
    log.info({ cases: result.cases, calls: result.calls, users: result.usernames, ms: Math.round(performance.now() - started) }, 'Demo data loaded');
    return result;
  } catch (error) {
    // Two server processes starting at once on one empty database: the loser's transaction
    // fails (a unique violation on PostgreSQL, a busy snapshot on SQLite) and rolls back once
    // the winner has committed. Any failure after which a jurisdiction exists is that case.
    if ((await countJurisdictions(ctx.db)) > 0) return notLoaded();
    throw error;
  }
}
