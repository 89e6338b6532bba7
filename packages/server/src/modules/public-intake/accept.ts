import { detectUrgency, normalizePhone, type PublicAppealInput, type RateLimitScope, type RateLimitSettings, type UrgencyRedirect } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { currentRequestId, runWithRequestId } from '../../lib/request-context.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { hashTrackingCode, newTrackingCode } from '../cases/tracking.js';
import { assertChoosableCategory } from '../categories/service.js';
import { recordRedirectedContact } from '../contacts/redirect.js';
import { countAttemptsByKey, publicLimitsOn, rateLimitsOf } from '../limits/service.js';
import { compiledLexicon } from '../triage-settings/lexicon.js';
import { findAcceptScope, insertIntakeRows, type AcceptedRow } from './repository.js';
import type { SealedAppeal } from './sealed.js';

/** One request's appeal, validated and stamped when it arrived, waiting for its batch. */
export interface AppealSubmission {
  input: PublicAppealInput;
  /** E.164. */
  phone: string;
  ip: string;
  receivedAt: string;
  /** The HTTP request that sent it: stored with the row, logged by the drainer (issue 13 §5). */
  requestId: string | null;
}

export type Acceptance = { ok: true; trackingCode: string } | { ok: false; error: AppError };

/** Before the queue: what needs no database (a phone the schema let through but E.164 refuses). */
export function prepareSubmission(input: PublicAppealInput, ip: string): AppealSubmission {
  const phone = normalizePhone(input.phone);
  if (!phone.ok) throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'phone', message: 'invalid phone number' }]);
  return { input, phone: phone.e164, ip, receivedAt: new Date().toISOString(), requestId: currentRequestId() };
}

/**
 * A group-committed batch of public appeals (ADR 0032), each answered as the form always was,
 * but only what must be decided before the answer is done here: the rate limits (counted in the
 * batch's transaction, in arrival order, per address then per phone, one statement each), the category the citizen
 * chose, and emergencies (a redirected contact and the number to call; never accepted). Every
 * other appeal becomes one sealed row of `public_intake` with a new tracking code; duplicates,
 * routing, priority and indexing happen in the drainer behind it. One commit, one fsync.
 * What can change is read once per batch, in one statement (ADR 0023: no caches to invalidate).
 * The batch is answered once it is on disk.
 *
 * When the batch writes nothing but its rows (limits off, no emergency), the insert runs alone:
 * one statement is its own transaction, atomic, and durable when it returns (PostgreSQL's
 * synchronous_commit, SQLite's FULL sync), so BEGIN and COMMIT would be two round trips for
 * nothing (ADR 0056). Otherwise everything commits together as before.
 * `marks.insertAt` notes when the insert began (lib/group-commit.ts BatchTiming).
 */
export async function acceptPublicAppeals(ctx: AppContext, batch: readonly AppealSubmission[], marks: Record<string, number> = {}): Promise<Acceptance[]> {
  const scope = await findAcceptScope(ctx.db);
  if (!scope) return batch.map(() => ({ ok: false, error: new AppError('NOT_CONFIGURED', 'No jurisdiction is set up yet') }));
  const { jurisdiction } = scope;
  const lexicon = compiledLexicon(jurisdiction.id, scope.lexicon);
  const categoryErrors = new Map<string, AppError | null>();
  for (const s of batch) {
    const id = s.input.categoryId;
    if (id === undefined || categoryErrors.has(id)) continue;
    categoryErrors.set(id, await assertChoosableCategory(ctx.db, jurisdiction.id, id, 'categoryId').then(() => null, (e: unknown) => asAppError(e)));
  }
  // Pure and cheap: decided before any write, so a batch that needs no transaction is known.
  const urgencies = batch.map((s) => detectUrgency(s.input.content, lexicon));
  const redirectOf = (i: number): UrgencyRedirect | undefined => {
    const urgency = urgencies[i];
    return urgency?.level === 'emergency' && urgency.redirect && !batch[i]?.input.confirmNotEmergency ? urgency.redirect : undefined;
  };
  const limited = publicLimitsOn(ctx);

  const write = async (tx: AppContext): Promise<Acceptance[]> => {
    const results: Array<Acceptance | undefined> = batch.map(() => undefined);
    if (limited) {
      const limits = rateLimitsOf(scope.rateLimits);
      // Address first: an appeal refused by its address is not counted against its phone.
      await limitInOrder(tx, batch, results, limits, 'appealPerAddress', (s) => s.ip);
      await limitInOrder(tx, batch, results, limits, 'appealPerPhone', (s) => s.phone);
    }
    const rows: AcceptedRow[] = [];
    for (const [i, s] of batch.entries()) {
      if (results[i]) continue;
      const categoryError = s.input.categoryId === undefined ? null : categoryErrors.get(s.input.categoryId);
      if (categoryError) {
        results[i] = { ok: false, error: categoryError };
        continue;
      }
      const redirect = redirectOf(i);
      if (redirect) {
        // The batch runs outside any one request's scope: what this contact queues carries its own request's id.
        const record = () => recordRedirectedContact(tx, {
          jurisdictionId: jurisdiction.id, actorUserId: null, ip: s.ip, channel: 'web', callerPhone: s.phone,
          content: s.input.content, redirectNumber: redirect.number, category: redirect.category,
        });
        await (s.requestId === null ? record() : runWithRequestId(s.requestId, record));
        results[i] = { ok: false, error: emergencyRedirect(redirect.number, redirect.reason) };
        continue;
      }
      const trackingCode = newTrackingCode();
      const sealed: SealedAppeal = {
        name: s.input.name, phone: s.phone, content: s.input.content, address: s.input.address || undefined,
        categoryId: s.input.categoryId, ip: s.ip, trackingCode,
      };
      rows.push({
        jurisdiction_id: jurisdiction.id, tracking_code_hash: hashTrackingCode(trackingCode), payload_enc: ctx.pii.encrypt(JSON.stringify(sealed)),
        urgency: urgencies[i]?.level === 'urgent' ? 'urgent' : 'normal', accepted_at: s.receivedAt, request_id: s.requestId,
      });
      results[i] = { ok: true, trackingCode };
    }
    // From here to the batch's end is the write and its commit (the fsync): a bench's timeline.
    marks.insertAt = performance.now();
    await insertIntakeRows(tx.db, ctx.dialect, rows);
    return results.map((r) => {
      if (!r) throw new Error('public intake: an appeal of the batch was left undecided');
      return r;
    });
  };
  const alone = !limited && batch.every((_, i) => redirectOf(i) === undefined);
  return alone ? write(ctx) : inTransaction(ctx, write);
}

/**
 * Counts the batch's attempts of one scope, all its keys in one statement (ADR 0059), and
 * refuses, per key, those past the limit in arrival order: the same answers as counting request
 * by request (the N-th appeal of a key is refused when N passes what the window has left).
 */
async function limitInOrder(
  tx: AppContext,
  batch: readonly AppealSubmission[],
  results: Array<Acceptance | undefined>,
  limits: RateLimitSettings,
  scope: RateLimitScope,
  keyOf: (s: AppealSubmission) => string,
): Promise<void> {
  const byKey = new Map<string, number[]>();
  for (const [i, s] of batch.entries()) {
    if (results[i]) continue;
    const key = keyOf(s);
    const indexes = byKey.get(key);
    if (indexes) indexes.push(i);
    else byKey.set(key, [i]);
  }
  const counted = await countAttemptsByKey(tx, { scope, limits, attempts: new Map([...byKey].map(([key, indexes]) => [key, indexes.length])) });
  for (const [key, indexes] of byKey) {
    for (const i of indexes.slice(counted.allowed.get(key) ?? 0)) {
      results[i] = { ok: false, error: new AppError('TOO_MANY_REQUESTS', 'Too many requests; try again later', undefined, counted.retryAfterSeconds) };
    }
  }
}

function emergencyRedirect(number: string, reason: string): AppError {
  // The redirected contact is recorded with the batch: the answer is sent after it is durable.
  return new AppError('EMERGENCY_REDIRECT', `这可能是紧急情况，请立即拨打 ${number}。${reason}`, [{ path: 'content', message: number }]);
}

function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  throw error;
}

