import { allowedActions, normalizeTrackingCode, type Satisfaction, type TrackedAppeal } from '@openline/core';
import type { CaseRow } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { caseStateOf } from '../cases/case-state.js';
import { findCaseById, findCaseByTrackingHash, findContactByTrackingHash, listEvents } from '../cases/repository.js';
import { performCaseAction } from '../cases/transitions.js';
import { trackingKeys } from '../cases/tracking.js';
import { enforcePublicLimit } from '../limits/service.js';
import { findIntakeByTrackingHash } from '../public-intake/repository.js';
import { trackedAttachments } from '../attachments/public.js';
import { mergedCallerMayRate, rateAsMergedCaller } from './merged-rating.js';
import { joinedSince, mergedTimeline, publicTimeline } from './timeline.js';

const notFound = (): AppError => new AppError('APPEAL_NOT_FOUND', 'No appeal has this tracking code');

async function findByCode(ctx: AppContext, rawCode: string) {
  const code = normalizeTrackingCode(rawCode);
  for (const key of code ? trackingKeys(code) : []) {
    const row = await findCaseByTrackingHash(ctx.db, key);
    if (row) return row;
  }
  // One answer for malformed and unknown codes: nothing to learn by probing.
  throw notFound();
}

/** The tracking page; limited per address, so codes cannot be guessed at volume (ADR 0007). */
export async function trackAppeal(ctx: AppContext, options: { code: string; ip: string }): Promise<TrackedAppeal> {
  await enforcePublicLimit(ctx, { scope: 'trackingPerAddress', key: options.ip });
  return readTracked(ctx, options.code);
}

async function readTracked(ctx: AppContext, rawCode: string): Promise<TrackedAppeal> {
  const code = normalizeTrackingCode(rawCode);
  // The key current servers store, then the bare hash older ones stored (ADR 0077). During a
  // rolling upgrade an older drainer may open the case of a row a newer server accepted, so the
  // case is looked for under every key before the queue is.
  const keys = code ? trackingKeys(code) : [];
  for (const hash of keys) {
    const own = await findCaseByTrackingHash(ctx.db, hash);
    if (own) return trackCase(ctx, own, hash);
    const contact = await findContactByTrackingHash(ctx.db, hash);
    if (contact) return trackAttachedContact(ctx, contact, hash);
  }
  // Accepted and not yet processed (ADR 0032): the citizen sees it received from the first moment.
  for (const hash of keys) {
    const accepted = await findIntakeByTrackingHash(ctx.db, hash);
    if (accepted) return receivedOnly(accepted.accepted_at);
  }
  throw notFound();
}

/**
 * Not processed yet: no case number so far, one is coming. `stage` says so, because the same null
 * number also means "added to another case" and the page must not tell a waiting citizen that.
 */
function receivedOnly(acceptedAt: string): TrackedAppeal {
  return {
    stage: 'processing', caseNumber: null, status: 'received', createdAt: acceptedAt, replyText: null, repliedAt: null,
    timeline: [{ type: 'created', at: acceptedAt }], canRate: false, rating: null, attachments: [],
  };
}

/**
 * An appeal attached unattended follows the case it joined, coarsely: the status and the public
 * steps since it arrived. Not the case's number, its reply (it may address the other citizen by
 * name) or its rating, which belong to whoever opened it.
 */
async function trackAttachedContact(ctx: AppContext, contact: { caseId: string; jurisdictionId: string; receivedAt: string }, codeHash: string): Promise<TrackedAppeal> {
  const joined = await findCaseById(ctx.db, contact.jurisdictionId, contact.caseId);
  if (!joined) throw notFound();
  const parent = joined.status === 'merged' && joined.parent_id ? await findCaseById(ctx.db, joined.jurisdiction_id, joined.parent_id) : undefined;
  const row = parent ?? joined;
  const later = joinedSince(await listEvents(ctx.db, row.id), contact.receivedAt);
  return {
    stage: 'merged',
    caseNumber: null,
    status: caseStateOf(row).status,
    createdAt: contact.receivedAt,
    replyText: null,
    repliedAt: null,
    timeline: [{ type: 'created', at: contact.receivedAt }, ...later],
    canRate: false,
    rating: null,
    attachments: await trackedAttachments(ctx, { caseId: row.id, codeHash }),
  };
}

async function trackCase(ctx: AppContext, own: CaseRow, codeHash: string): Promise<TrackedAppeal> {
  // A merged appeal follows its parent case (DESIGN §4): the citizen sees the parent's progress.
  const parent = own.status === 'merged' && own.parent_id ? await findCaseById(ctx.db, own.jurisdiction_id, own.parent_id) : undefined;
  const row = parent ?? own;
  const events = await listEvents(ctx.db, row.id);
  const state = caseStateOf(row);
  return {
    stage: parent === undefined ? 'case' : 'merged',
    caseNumber: own.case_number,
    status: state.status,
    createdAt: own.created_at,
    replyText: row.reply_text,
    repliedAt: row.replied_at,
    // A merged appeal's history starts at its own submission, as an attached one's does.
    timeline: parent === undefined ? publicTimeline(events) : mergedTimeline(await listEvents(ctx.db, own.id), events, own.created_at),
    // The handled case's caller rates it through the lifecycle; a merged caller rates once, for themselves (issue 12 §7).
    canRate: parent === undefined ? allowedActions(state, { roles: [], citizen: true }).includes('visit') : mergedCallerMayRate(own, parent),
    rating:
      own.visit_satisfaction === null ? null : { solved: own.visit_solved === 1, satisfaction: own.visit_satisfaction as Satisfaction },
    attachments: await trackedAttachments(ctx, { caseId: row.id, codeHash }),
  };
}

/** The citizen's own return visit (回访), through the tracking code; same rules as a staff visit. */
export async function rateAppeal(
  ctx: AppContext,
  options: { code: string; rating: { solved: boolean; satisfaction: Satisfaction; comment?: string | undefined }; ip: string },
): Promise<TrackedAppeal> {
  await enforcePublicLimit(ctx, { scope: 'trackingPerAddress', key: options.ip });
  const row = await findByCode(ctx, options.code);
  const parent = row.status === 'merged' && row.parent_id ? await findCaseById(ctx.db, row.jurisdiction_id, row.parent_id) : undefined;
  if (parent) await rateAsMergedCaller(ctx, { own: row, parent, rating: options.rating });
  else await performCaseAction(ctx, { jurisdictionId: row.jurisdiction_id, caseId: row.id, action: { type: 'visit', payload: options.rating }, actor: { kind: 'citizen', ip: options.ip } });
  return readTracked(ctx, options.code);
}
