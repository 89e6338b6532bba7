import { DEFAULT_CALLBACK_POLICY, type CallbackSettings } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { assertReferences } from '../../lib/references.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { findSettings, upsertSettings } from './repository.js';

async function lineOf(ctx: AppContext, user: SessionUser, lineId: string): Promise<void> {
  const line = await ctx.db.selectFrom('lines').select('id').where('id', '=', lineId).where('jurisdiction_id', '=', user.jurisdictionId).executeTakeFirst();
  if (!line) throw new AppError('NOT_FOUND', 'No such line');
}

export async function getCallbackSettings(ctx: AppContext, o: { user: SessionUser; lineId: string }): Promise<CallbackSettings> {
  await lineOf(ctx, o.user, o.lineId);
  const row = await findSettings(ctx.db, o.lineId);
  return {
    afterHoursNumber: row?.after_hours_number ?? null,
    callbackUnitId: row?.callback_unit_id ?? null,
    withinMinutes: row?.within_minutes ?? DEFAULT_CALLBACK_POLICY.withinMinutes,
    maxTries: row?.max_tries ?? DEFAULT_CALLBACK_POLICY.maxTries,
  };
}

/** An admin sets a line's after-hours desk and callback rules; audited. New tasks follow them. */
export async function setCallbackSettings(ctx: AppContext, o: { user: SessionUser; lineId: string; settings: CallbackSettings; ip: string }): Promise<CallbackSettings> {
  await lineOf(ctx, o.user, o.lineId);
  await assertReferences(ctx.db, o.user.jurisdictionId, [{ kind: 'unit', path: 'callbackUnitId', id: o.settings.callbackUnitId }]);
  await inTransaction(ctx, async ({ db }) => {
    await upsertSettings(db, {
      line_id: o.lineId, after_hours_number: o.settings.afterHoursNumber, callback_unit_id: o.settings.callbackUnitId,
      within_minutes: o.settings.withinMinutes, max_tries: o.settings.maxTries, updated_by: o.user.id, updated_at: nowIso(),
    });
    await appendAudit(db, {
      jurisdictionId: o.user.jurisdictionId, actorUserId: o.user.id, action: 'line.callback_settings', targetType: 'line', targetId: o.lineId, ip: o.ip,
      detail: { afterHoursDesk: o.settings.afterHoursNumber !== null, callbackUnitId: o.settings.callbackUnitId, withinMinutes: o.settings.withinMinutes, maxTries: o.settings.maxTries },
    });
  });
  return getCallbackSettings(ctx, o);
}
