import { detectUrgency, detectVulnerability, type VulnerabilityResult } from '@openline/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import type { SessionUser } from '../auth/service.js';
import { suggestCategoriesFor, type CategorySuggestions, type SuggestedCategory } from '../categories/service.js';
import { keywordRulesFor, suggestByKeywords } from '../triage-settings/keywords.js';
import { urgencyLexiconFor } from '../triage-settings/lexicon.js';
import { currentModel } from './model-store.js';

export interface IntakeSuggestions {
  urgency: ReturnType<typeof detectUrgency>;
  /** Suggested flags with the words that raised them: the operator confirms them, or not. */
  vulnerability: VulnerabilityResult;
  routing: {
    /** 'model': calibrated probabilities; 'keywords': cold start, shares of matched keywords. */
    source: 'model' | 'keywords';
    modelVersion: number | null;
    suggestions: Array<{ unitId: string; unitName: string | null; probability: number }>;
  } | null;
  /** The likeliest categories: by the learned category model once trained (ADR 0045), else keywords (ADR 0026). */
  categories: SuggestedCategory[];
  categorySource: CategorySuggestions['source'];
  categoryModelVersion: number | null;
}

/**
 * What the operator sees while typing: the urgency banner (emergencies are redirected, not
 * dispatched) and the three likeliest units with calibrated confidence.
 */
export async function suggestForIntake(ctx: AppContext, options: { user: SessionUser; content: string }): Promise<IntakeSuggestions> {
  const { user, content } = options;
  const urgency = detectUrgency(content, await urgencyLexiconFor(ctx, user.jurisdictionId));
  const current = await currentModel(ctx.db, 'routing_models', user.jurisdictionId);
  const ranked = current
    ? current.model.suggest({ body: content }, 3).map((s) => ({ unitId: s.label, probability: s.probability }))
    : suggestByKeywords(await keywordRulesFor(ctx, user.jurisdictionId), content, 3).map((s) => ({ unitId: s.unitId, probability: s.share }));
  let routing: IntakeSuggestions['routing'] = null;
  if (ranked.length > 0) {
    const names = await ctx.db.selectFrom('org_units').select(['id', 'name']).where('id', 'in', ranked.map((s) => s.unitId)).execute();
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    routing = {
      source: current ? 'model' : 'keywords',
      modelVersion: current?.version ?? null,
      suggestions: ranked.map((s) => ({ unitId: s.unitId, unitName: nameOf.get(s.unitId) ?? null, probability: Number(s.probability.toFixed(4)) })),
    };
  }
  const categories = await suggestCategoriesFor(ctx.db, user.jurisdictionId, content);
  return {
    urgency, vulnerability: detectVulnerability(content), routing,
    categories: categories.items, categorySource: categories.source, categoryModelVersion: categories.modelVersion,
  };
}

/**
 * Remembers what the current model would have suggested for a case the operator has just
 * dispatched, beside what they chose: the dispatch-correction rate per model version.
 */
export async function recordDispatchFeedback(
  db: Kysely<DB>,
  options: { jurisdictionId: string; caseId: string; content: string; chosenUnitId: string },
): Promise<void> {
  // Read through the caller's transaction: on SQLite a second connection would wait on it.
  const current = await currentModel(db, 'routing_models', options.jurisdictionId);
  const top = current?.model.suggest({ body: options.content }, 1)[0];
  if (!current || !top) return;
  await db
    .insertInto('routing_feedback')
    .values({ id: newId(), model_id: current.id, case_id: options.caseId, suggested_unit_id: top.label, chosen_unit_id: options.chosenUnitId, created_at: nowIso() })
    .execute();
}
