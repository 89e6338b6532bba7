import { z } from 'zod';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { assertReferences } from '../../lib/references.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { readSetting, writeSetting } from './repository.js';

const NAME = 'routing_keywords';

export const keywordRulesSchema = z
  .array(z.object({ unitId: z.string().uuid(), keywords: z.array(z.string().trim().min(2).max(20)).min(1).max(100) }))
  .max(500);
export type KeywordRules = z.infer<typeof keywordRulesSchema>;

export async function keywordRulesFor(ctx: AppContext, jurisdictionId: string): Promise<KeywordRules> {
  const stored = await readSetting(ctx.db, NAME, jurisdictionId);
  return stored ? keywordRulesSchema.parse(JSON.parse(stored.value)) : [];
}

/**
 * Cold start (issue 4): before a jurisdiction has history to learn from, units are suggested by
 * the keywords an admin set for them, ranked by how many occur in the text. The shares are
 * proportions of matched keywords, not calibrated probabilities, and are labelled as such.
 */
export function suggestByKeywords(rules: KeywordRules, text: string, limit: number): Array<{ unitId: string; share: number }> {
  const hits = rules
    .map((rule) => ({ unitId: rule.unitId, hits: rule.keywords.filter((k) => text.includes(k)).length }))
    .filter((r) => r.hits > 0);
  const total = hits.reduce((s, r) => s + r.hits, 0);
  return hits
    .sort((a, b) => b.hits - a.hits)
    .slice(0, limit)
    .map((r) => ({ unitId: r.unitId, share: r.hits / total }));
}

export async function getKeywordRules(ctx: AppContext, options: { user: SessionUser }): Promise<{ rules: KeywordRules }> {
  assertRole(options.user, ['admin']);
  return { rules: await keywordRulesFor(ctx, options.user.jurisdictionId) };
}

export async function setKeywordRules(ctx: AppContext, options: { user: SessionUser; ip: string; rules: KeywordRules }): Promise<{ rules: KeywordRules }> {
  assertRole(options.user, ['admin']);
  await assertReferences(
    ctx.db,
    options.user.jurisdictionId,
    options.rules.map((r, i) => ({ kind: 'unit', path: `rules.${i}.unitId`, id: r.unitId })),
  );
  await inTransaction(ctx, async ({ db }) => {
    await writeSetting(db, NAME, options.user.jurisdictionId, JSON.stringify(options.rules), nowIso());
    await appendAudit(db, { jurisdictionId: options.user.jurisdictionId, actorUserId: options.user.id, action: 'settings.routing_keywords', ip: options.ip, detail: { rules: options.rules.length } });
  });
  return { rules: options.rules };
}
