import { normalizeTrackingCode, type PublicAttachment } from '@openline/core';
import type { AttachmentRow } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { findCaseById, findCaseByTrackingHash, findContactByTrackingHash } from '../cases/repository.js';
import { findIntakeByTrackingHash } from '../public-intake/repository.js';
import { trackingKeys } from '../cases/tracking.js';
import { enforcePublicLimit } from '../limits/service.js';
import { listReadyAttachments } from './repository.js';
import type { AttachmentSettings } from './settings.js';
import type { AttachmentBytes } from './service.js';
import { storeUpload, type ReceivedFile } from './upload.js';

interface FollowedAppeal {
  codeHash: string;
  /** The case the appeal is handled in: its own, the parent it was merged into, or the case it was attached to. */
  caseId: string;
  jurisdictionId: string;
  callerProtected: boolean;
  /** When this code's appeal was filed: the upload window runs from here. */
  filedAt: string;
}

const notFound = (): AppError => new AppError('APPEAL_NOT_FOUND', 'No appeal has this tracking code');

/** How long an upload waits for its just-accepted appeal to become a case (ADR 0032): the drainer takes milliseconds. */
const SETTLE_WAIT_MS = 5_000;
const SETTLE_POLL_MS = 100;

/**
 * The case or contact behind a code. An appeal accepted a moment ago may still wait in the
 * durable intake queue (ADR 0032): the photo picker uploads right after the form's answer, so
 * the upload waits for it briefly instead of answering "no such appeal" to a code just given out.
 */
async function settledAppeal(ctx: AppContext, codeHash: string) {
  const deadline = Date.now() + SETTLE_WAIT_MS;
  for (;;) {
    const own = await findCaseByTrackingHash(ctx.db, codeHash);
    const contact = own ? undefined : await findContactByTrackingHash(ctx.db, codeHash);
    if (own || contact) return { own, contact };
    const waiting = await findIntakeByTrackingHash(ctx.db, codeHash);
    if (!waiting || waiting.processed_at !== null || Date.now() >= deadline) {
      if (waiting && waiting.processed_at === null) throw new AppError('APPEAL_NOT_READY', 'The appeal is still being filed: try again in a moment');
      return { own, contact };
    }
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}

/**
 * The appeal under the key current servers store, then under the bare hash older ones stored
 * (ADR 0077). The photo is kept under the key that found it, so the citizen's own photos match later.
 */
async function settledUnderAnyKey(ctx: AppContext, code: string) {
  for (const codeHash of trackingKeys(code)) {
    const settled = await settledAppeal(ctx, codeHash);
    if (settled.own || settled.contact) return { codeHash, ...settled };
  }
  return undefined;
}

/** Same resolution as the tracking page (appeals/service.ts): the photos go where staff work the appeal. */
async function followedAppeal(ctx: AppContext, rawCode: string): Promise<FollowedAppeal> {
  const code = normalizeTrackingCode(rawCode);
  if (!code) throw notFound();
  const found = await settledUnderAnyKey(ctx, code);
  if (!found) throw notFound();
  const { codeHash, own, contact } = found;
  const start = own ?? (contact ? await findCaseById(ctx.db, contact.jurisdictionId, contact.caseId) : undefined);
  if (!start) throw notFound();
  const parent = start.status === 'merged' && start.parent_id ? await findCaseById(ctx.db, start.jurisdiction_id, start.parent_id) : undefined;
  const handled = parent ?? start;
  return {
    codeHash, caseId: handled.id, jurisdictionId: handled.jurisdiction_id, callerProtected: handled.caller_protected === 1,
    filedAt: own ? own.created_at : (contact?.receivedAt ?? start.created_at),
  };
}

/**
 * A citizen's photo for the appeal they have just filed, through its tracking code: the code is
 * the proof that they filed it, so no upload floats unbound. Abuse is bounded by the address
 * limit (ADR 0007), the per-appeal and per-case counts, and the window after filing.
 */
export async function uploadAppealPhoto(
  ctx: AppContext,
  settings: AttachmentSettings,
  options: { code: string; ip: string; receive: () => Promise<{ file: ReceivedFile; shareLocation: boolean; proposePublic: boolean }> },
): Promise<PublicAttachment> {
  await enforcePublicLimit(ctx, { scope: 'attachmentPerAddress', key: options.ip });
  const appeal = await followedAppeal(ctx, options.code);
  const windowMs = settings.limits.appealWindowMinutes * 60_000;
  if (Date.now() - new Date(appeal.filedAt).getTime() > windowMs) {
    throw new AppError('ATTACHMENT_WINDOW_CLOSED', `Photos are added within ${settings.limits.appealWindowMinutes} minutes of filing`, [
      { path: 'trackingCode', message: 'window closed', limit: settings.limits.appealWindowMinutes },
    ]);
  }
  // Only now read the bytes: a refused request costs no upload.
  const { file, shareLocation, proposePublic } = await options.receive();
  // A tip is never shown to others, so a proposal to publish it is not even recorded.
  const proposed = proposePublic && !appeal.callerProtected;
  const id = await storeUpload(ctx, settings, {
    caseId: appeal.caseId, jurisdictionId: appeal.jurisdictionId, kind: 'photo', visibility: proposed ? 'proposed' : 'internal', citizenProposed: proposed,
    uploader: { kind: 'citizen', codeHash: appeal.codeHash, ip: options.ip }, keepLocation: shareLocation,
  }, file);
  const views = await trackedAttachments(ctx, { caseId: appeal.caseId, codeHash: appeal.codeHash });
  const view = views.find((v) => v.id === id);
  if (!view) throw notFound();
  return view;
}

const shownTo = (a: AttachmentRow, codeHash: string): boolean => a.visibility === 'public' || a.citizen_code_hash === codeHash;

/** The tracking page's attachments: the public ones (approved by staff) and the holder's own photos. */
export async function trackedAttachments(ctx: Pick<AppContext, 'db'>, o: { caseId: string; codeHash: string }): Promise<PublicAttachment[]> {
  const rows = await listReadyAttachments(ctx.db, o.caseId);
  return rows
    .filter((a) => shownTo(a, o.codeHash))
    .map((a) => ({ id: a.id, kind: a.kind, contentType: a.content_type, hasThumbnail: a.thumbnail_key !== null, own: a.citizen_code_hash === o.codeHash, createdAt: a.created_at }));
}

export async function readTrackedAttachment(
  ctx: AppContext,
  settings: AttachmentSettings,
  options: { code: string; ip: string; attachmentId: string; variant: 'file' | 'thumbnail' },
): Promise<AttachmentBytes> {
  await enforcePublicLimit(ctx, { scope: 'trackingPerAddress', key: options.ip });
  const appeal = await followedAppeal(ctx, options.code);
  const rows = await listReadyAttachments(ctx.db, appeal.caseId);
  const found = rows.find((a) => a.id === options.attachmentId && shownTo(a, appeal.codeHash));
  const key = found ? (options.variant === 'file' ? found.storage_key : found.thumbnail_key) : null;
  const stream = key ? await settings.store.get(key) : null;
  if (!found || !stream) throw new AppError('ATTACHMENT_NOT_FOUND', 'No such attachment on this appeal');
  const ext = found.content_type === 'application/pdf' && options.variant === 'file' ? 'pdf' : 'jpg';
  return {
    stream,
    contentType: options.variant === 'file' ? found.content_type : 'image/jpeg',
    fileName: `${found.kind}${options.variant === 'thumbnail' ? '-thumbnail' : ''}.${ext}`,
    isPublic: found.visibility === 'public',
  };
}
