import { callerFlagSettingsSchema, type CallerFlagSettings, type CallerFlagSettingsView } from '@openline/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { findRecipients } from '../notifications/repository.js';
import { loadSetting, saveSetting, type JurisdictionSetting } from '../settings/repository.js';
import { mayDesignateHandler, mayReadCallerFlags } from './policy.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Per jurisdiction in `settings`, like the escalation tiers; nobody designated until a supervisor says. */
const CALLER_FLAG_SETTINGS: JurisdictionSetting<CallerFlagSettings> = {
  name: 'caller_flag_settings',
  schema: callerFlagSettingsSchema,
  defaults: () => ({ designatedUserId: null }),
};

export async function loadCallerFlagSettings(db: Db, jurisdictionId: string): Promise<CallerFlagSettings> {
  return (await loadSetting(db, CALLER_FLAG_SETTINGS, jurisdictionId)).value;
}

async function centreOperators(db: Db, jurisdictionId: string): Promise<Array<{ id: string; name: string }>> {
  const users = await findRecipients(db, { role: 'operator', jurisdictionId });
  return users.filter((u) => u.orgUnitKind === 'centre').map((u) => ({ id: u.id, name: u.displayName })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export async function getCallerFlagSettings(ctx: AppContext, o: { user: SessionUser }): Promise<CallerFlagSettingsView> {
  if (!mayReadCallerFlags(o.user)) throw new AppError('FORBIDDEN', 'Caller flags are the hotline centre\'s');
  const settings = await loadCallerFlagSettings(ctx.db, o.user.jurisdictionId);
  const candidates = await centreOperators(ctx.db, o.user.jurisdictionId);
  const designated = candidates.find((c) => c.id === settings.designatedUserId);
  // A designated handler who left the centre no longer takes the calls: shown as nobody.
  return designated ? { designatedUserId: designated.id, designatedName: designated.name, candidates } : { designatedUserId: null, designatedName: null, candidates };
}

/** The designated handler in force: a centre operator still active, or nobody. */
export async function designatedHandler(db: Db, jurisdictionId: string): Promise<string | null> {
  const { designatedUserId } = await loadCallerFlagSettings(db, jurisdictionId);
  if (designatedUserId === null) return null;
  const [user] = await findRecipients(db, { ids: [designatedUserId] });
  return user && user.jurisdictionId === jurisdictionId && user.orgUnitKind === 'centre' && user.roles.includes('operator') ? user.id : null;
}

export async function setCallerFlagSettings(ctx: AppContext, o: { user: SessionUser; ip: string; settings: CallerFlagSettings }): Promise<CallerFlagSettingsView> {
  if (!mayDesignateHandler(o.user)) throw new AppError('FORBIDDEN', 'Only the centre\'s supervisors or an admin designate the handler');
  const { jurisdictionId } = o.user;
  const candidates = await centreOperators(ctx.db, jurisdictionId);
  const id = o.settings.designatedUserId;
  if (id !== null && !candidates.some((c) => c.id === id)) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'designatedUserId', message: 'not an active operator of the hotline centre' }]);
  }
  const at = nowIso();
  await inTransaction(ctx, async ({ db }) => {
    const before = await loadCallerFlagSettings(db, jurisdictionId);
    await saveSetting(db, CALLER_FLAG_SETTINGS, jurisdictionId, { designatedUserId: id }, at);
    await appendAudit(db, { jurisdictionId, actorUserId: o.user.id, action: 'settings.caller_flag_handler', ip: o.ip, detail: { before, after: { designatedUserId: id } } });
  });
  return getCallerFlagSettings(ctx, { user: o.user });
}
