import { defaultRankingSettings, rankingSettingsSchema, type RankingSettings } from '@openline/core';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { loadSetting, saveSetting, type JurisdictionSetting } from '../settings/repository.js';

export interface RankingSettingsView {
  settings: RankingSettings;
  defaults: RankingSettings;
  /** null while the jurisdiction uses the defaults. */
  updatedAt: string | null;
}

/** Per jurisdiction in `settings`, as the triage settings are. */
const RANKING_SETTINGS: JurisdictionSetting<RankingSettings> = { name: 'ranking_settings', schema: rankingSettingsSchema, defaults: defaultRankingSettings };

/** The jurisdiction's ranking weights, or the defaults (also when a stored value no longer parses). */
export async function currentRankingSettings(ctx: AppContext, jurisdictionId: string): Promise<{ settings: RankingSettings; updatedAt: string | null }> {
  const { value, updatedAt } = await loadSetting(ctx.db, RANKING_SETTINGS, jurisdictionId);
  return { settings: value, updatedAt };
}

export async function getRankingSettings(ctx: AppContext, options: { user: SessionUser }): Promise<RankingSettingsView> {
  assertRole(options.user, ['admin']);
  const current = await currentRankingSettings(ctx, options.user.jurisdictionId);
  return { ...current, defaults: defaultRankingSettings() };
}

/**
 * Replaces the jurisdiction's weights and minimum volume (validated: weights non-negative and
 * not all 0); audited with the old and new values. Applies to the next ranking asked for, past
 * months included: a ranking is always computed with the weights in force (ADR 0014).
 */
export async function setRankingSettings(ctx: AppContext, options: { user: SessionUser; ip: string; settings: unknown }): Promise<RankingSettingsView> {
  assertRole(options.user, ['admin']);
  const parsed = rankingSettingsSchema.safeParse(options.settings);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'The ranking weights are not valid', parsed.error.issues.map((i) => ({ path: ['settings', ...i.path].join('.'), message: i.message })));
  }
  const { jurisdictionId } = options.user;
  const before = (await currentRankingSettings(ctx, jurisdictionId)).settings;
  const at = nowIso();
  await inTransaction(ctx, async ({ db }) => {
    await saveSetting(db, RANKING_SETTINGS, jurisdictionId, parsed.data, at);
    await appendAudit(db, { jurisdictionId, actorUserId: options.user.id, action: 'settings.ranking_weights', ip: options.ip, detail: { before, after: parsed.data } });
  });
  return { settings: parsed.data, updatedAt: at, defaults: defaultRankingSettings() };
}
