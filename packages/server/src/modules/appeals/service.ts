import {
  allowedActions,
  detectUrgency,
  normalizePhone,
  normalizeTrackingCode,
  type CaseStatus,
  type PublicAppealInput,
  type Satisfaction,
} from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { findDefaultJurisdiction } from '../jurisdictions/repository.js';
import { openCase, type OpenedCase } from '../cases/open-case.js';
import { caseStateOf } from '../cases/case-state.js';
import { findCaseById, findCaseByTrackingHash, listEvents } from '../cases/repository.js';
import { performCaseAction } from '../cases/transitions.js';
import { recordRedirectedContact } from '../contacts/redirect.js';
import { urgencyLexiconFor } from '../triage-settings/lexicon.js';
import { hashTrackingCode } from '../cases/tracking.js';

/**
 * A citizen's appeal from the public web form becomes a case at once (status received). With no
 * operator on the line, the urgency lexicon reads it first: an emergency is answered with the
 * number to call now (and kept as a redirected contact), an urgent matter gets urgent deadlines.
 */
export async function submitPublicAppeal(ctx: AppContext, input: PublicAppealInput, options: { ip: string }): Promise<OpenedCase> {
  const jurisdiction = await findDefaultJurisdiction(ctx.db);
  if (!jurisdiction) throw new AppError('NOT_CONFIGURED', 'No jurisdiction is set up yet');
  const phone = normalizePhone(input.phone);
  if (!phone.ok) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'phone', message: 'invalid phone number' }]);
  }
  const urgency = detectUrgency(input.content, await urgencyLexiconFor(ctx, jurisdiction.id));
  if (urgency.level === 'emergency' && urgency.redirect && !input.confirmNotEmergency) {
    await recordRedirectedContact(ctx, {
      jurisdictionId: jurisdiction.id, actorUserId: null, ip: options.ip, channel: 'web', callerPhone: phone.e164,
      content: input.content, redirectNumber: urgency.redirect.number, category: urgency.redirect.category,
    });
    throw new AppError('EMERGENCY_REDIRECT', `这可能是紧急情况，请立即拨打 ${urgency.redirect.number}。${urgency.redirect.reason}`, [
      { path: 'content', message: urgency.redirect.number },
    ]);
  }
  return openCase(ctx, {
    jurisdiction,
    channel: 'web',
    // The citizen does not classify the appeal; the operator retypes it at triage.
    type: 'help',
    urgency: urgency.level === 'urgent' ? 'urgent' : 'normal',
    content: input.content,
    callerName: input.name,
    callerPhone: phone.e164,
    address: input.address || undefined,
    actor: { kind: 'citizen' },
  });
}

/**
 * Events a citizen sees on the tracking page. Internal steps (returns between departments,
 * arbitration, extensions, deadline reminders) stay internal: the citizen sees progress, not
 * the hotline's bookkeeping.
 */
const PUBLIC_EVENTS = new Set([
  'created', 'dispatched', 'accepted', 'contacted', 'replied', 'visited', 'closed', 'reopened', 'merged', 'answered_directly',
]);

export interface TrackedAppeal {
  caseNumber: string;
  status: CaseStatus;
  createdAt: string;
  replyText: string | null;
  repliedAt: string | null;
  timeline: Array<{ type: string; at: string }>;
  canRate: boolean;
  rating: { solved: boolean; satisfaction: Satisfaction } | null;
}

async function findByCode(ctx: AppContext, rawCode: string) {
  const code = normalizeTrackingCode(rawCode);
  const row = code ? await findCaseByTrackingHash(ctx.db, hashTrackingCode(code)) : undefined;
  // One answer for malformed and unknown codes: nothing to learn by probing.
  if (!row) throw new AppError('APPEAL_NOT_FOUND', 'No appeal has this tracking code');
  return row;
}

export async function trackAppeal(ctx: AppContext, rawCode: string): Promise<TrackedAppeal> {
  const own = await findByCode(ctx, rawCode);
  // A merged appeal follows its parent case (DESIGN §4): the citizen sees the parent's progress.
  const parent = own.status === 'merged' && own.parent_id ? await findCaseById(ctx.db, own.parent_id) : undefined;
  const row = parent ?? own;
  const events = await listEvents(ctx.db, row.id);
  const state = caseStateOf(row);
  return {
    caseNumber: own.case_number,
    status: state.status,
    createdAt: own.created_at,
    replyText: row.reply_text,
    repliedAt: row.replied_at,
    timeline: events.filter((e) => PUBLIC_EVENTS.has(e.type)).map((e) => ({ type: e.type, at: e.createdAt })),
    // The rating belongs to the case that was handled, rated through its own code.
    canRate: parent === undefined && allowedActions(state, { roles: [], citizen: true }).includes('visit'),
    rating:
      row.visit_satisfaction === null ? null : { solved: row.visit_solved === 1, satisfaction: row.visit_satisfaction as Satisfaction },
  };
}

/** The citizen's own return visit (回访), through the tracking code; same rules as a staff visit. */
export async function rateAppeal(
  ctx: AppContext,
  options: { code: string; rating: { solved: boolean; satisfaction: Satisfaction; comment?: string | undefined }; ip: string },
): Promise<TrackedAppeal> {
  const row = await findByCode(ctx, options.code);
  await performCaseAction(ctx, { caseId: row.id, action: { type: 'visit', payload: options.rating }, actor: { kind: 'citizen', ip: options.ip } });
  return trackAppeal(ctx, options.code);
}
