import { defaultEscalationSettings, escalationSettingsSchema, type EscalationSettings, type EscalationSettingsView } from '@openline/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { loadSetting, saveSetting, type JurisdictionSetting } from '../settings/repository.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Per jurisdiction in `settings`, like the ranking weights. */
const ESCALATION_SETTINGS: JurisdictionSetting<EscalationSettings> = { name: 'escalation_settings', schema: escalationSettingsSchema, defaults: defaultEscalationSettings };

/** The tier delays in force (the defaults also when a stored value no longer parses). */
export async function loadEscalationSettings(db: Db, jurisdictionId: string): Promise<{ settings: EscalationSettings; updatedAt: string | null }> {
  const { value, updatedAt } = await loadSetting(db, ESCALATION_SETTINGS, jurisdictionId);
  return { settings: value, updatedAt };
}

/** Supervisors read the delays (they explain when a notice reaches whom); admins set them. */
export async function getEscalationSettings(ctx: AppContext, options: { user: SessionUser }): Promise<EscalationSettingsView> {
  assertRole(options.user, ['admin', 'supervisor']);
  return { ...(await loadEscalationSettings(ctx.db, options.user.jurisdictionId)), defaults: defaultEscalationSettings() };
}

/** Replaces the delays, audited with before and after. Deadlines already climbing keep the time their next tier was given. */
export async function setEscalationSettings(ctx: AppContext, options: { user: SessionUser; ip: string; settings: unknown }): Promise<EscalationSettingsView> {
  assertRole(options.user, ['admin']);
  const parsed = escalationSettingsSchema.safeParse(options.settings);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'The escalation delays are not valid', parsed.error.issues.map((i) => ({ path: ['settings', ...i.path].join('.'), message: i.message })));
  }
  const { jurisdictionId } = options.user;
  const at = nowIso();
  await inTransaction(ctx, async ({ db }) => {
    const before = (await loadEscalationSettings(db, jurisdictionId)).settings;
    await saveSetting(db, ESCALATION_SETTINGS, jurisdictionId, parsed.data, at);
    await appendAudit(db, { jurisdictionId, actorUserId: options.user.id, action: 'settings.escalation_tiers', ip: options.ip, detail: { before, after: parsed.data } });
  });
  return { settings: parsed.data, updatedAt: at, defaults: defaultEscalationSettings() };
}
