import { randomBytes } from 'node:crypto';
import type { LabeledText } from '../../packages/core/src/triage/index.js';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import type { Database } from '../../packages/server/src/db/database.js';
import { trainCategoryModel } from '../../packages/server/src/modules/categories/learned/train.js';
import { seedDefaultCategories } from '../../packages/server/src/modules/categories/seed.js';
import { suggestCategoriesFor } from '../../packages/server/src/modules/categories/service.js';
import { createJurisdiction } from '../../packages/server/src/modules/org/service.js';
import { LABEL_OF_OURS } from './mapping.js';

export interface CategoryModelBench {
  dialect: string;
  loaded: number;
  loadMs: number;
  version: number;
  trainMs: number;
  heldOutAccuracy: number | null;
  n: number;
  top1: number;
  top3: number;
  wallMsPerSuggestion: number;
  cpuMsPerSuggestion: number;
}

/**
 * Files `train` as a new jurisdiction's closed cases (each under the first of our top-level
 * categories its label stands for), trains the category model with the worker's trainer, then
 * suggests a category for every `evaluation` text as the intake screen does, scoring the top
 * level. The database must be at the latest migration.
 */
export async function measureCategoryModel(database: Database, train: readonly LabeledText[], evaluation: readonly LabeledText[]): Promise<CategoryModelBench> {
  const ctx = { db: database.db, dialect: database.dialect, pii: createPiiCipher(randomBytes(32)) };
  const j = await createJurisdiction(ctx.db, { code: 'bench-categories', name: '分类基准市' });
  await seedDefaultCategories(ctx.db, j.id);
  // A city's tree is older than the history it files: seeded "now", every leaf would count as
  // added since the model was trained and be offered by its keywords ahead of it (ADR 0045).
  const yearsAgo = new Date(Date.now() - 2 * 365 * 86_400_000).toISOString();
  await ctx.db.updateTable('case_categories').set({ created_at: yearsAgo }).where('jurisdiction_id', '=', j.id).execute();
  const tops = await ctx.db.selectFrom('case_categories').select(['id', 'code']).where('jurisdiction_id', '=', j.id).where('parent_id', 'is', null).execute();
  const labelOfId = new Map(tops.map((c) => [c.id, LABEL_OF_OURS[c.code] ?? null]));
  // The first of our top-level categories that stands for a label is where its cases are filed.
  const idOfLabel = new Map<string, string>();
  for (const c of tops) {
    const label = LABEL_OF_OURS[c.code];
    if (label && !idOfLabel.has(label)) idOfLabel.set(label, c.id);
  }

  const started = performance.now();
  const at = new Date().toISOString();
  const rows = train.flatMap((e, i) => {
    const categoryId = idOfLabel.get(e.label);
    if (!categoryId) return [];
    const content = `${e.title ?? ''} ${e.body}`.trim();
    return [{
      id: crypto.randomUUID(), jurisdiction_id: j.id, case_number: `B${String(i).padStart(8, '0')}`, tracking_code_hash: crypto.randomUUID(),
      status: 'closed', channel: 'web', type: 'complaint', urgency: 'normal', content, content_enc: ctx.pii.encrypt(content), category_id: categoryId,
      created_at: at, updated_at: at, closed_at: at,
    }];
  });
  for (let i = 0; i < rows.length; i += 500) await ctx.db.insertInto('cases').values(rows.slice(i, i + 500)).execute();
  const loadMs = Math.round(performance.now() - started);

  const trained = await trainCategoryModel(ctx, { jurisdictionId: j.id, trainedBy: null });
  let right = 0;
  let right3 = 0;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  for (const e of evaluation) {
    const s = await suggestCategoriesFor(ctx.db, j.id, `${e.title ?? ''} ${e.body}`);
    if (s.source !== 'model') throw new Error('the suggestion did not use the trained model');
    const labels = s.items.map((x) => labelOfId.get(x.categoryId) ?? null);
    if (labels[0] === e.label) right++;
    if (labels.includes(e.label)) right3++;
  }
  const used = process.cpuUsage(cpu);
  const n = evaluation.length;
  return {
    dialect: database.dialect, loaded: rows.length, loadMs, version: trained.version, trainMs: trained.metrics.trainMs, heldOutAccuracy: trained.metrics.accuracy,
    n, top1: right / n, top3: right3 / n, wallMsPerSuggestion: (performance.now() - t0) / n, cpuMsPerSuggestion: (used.user + used.system) / 1000 / n,
  };
}
