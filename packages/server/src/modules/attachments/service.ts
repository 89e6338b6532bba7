import type { Readable } from 'node:stream';
import { visibilityChangeAllowed, type Attachment, type AttachmentVisibility, type CaseAttachments, type StaffAttachmentKind } from '@openline/core';
import type { AttachmentRow } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { canViewCase } from '../cases/policy.js';
import { findCaseForAccess, type CaseAccessRow } from '../cases/repository.js';
import { mayChangeVisibility, maySeeAttachment, mayUpload, mayUploadAny } from './policy.js';
import { displayName, presentAttachment } from './presenter.js';
import { findReadyAttachment, listReadyAttachments, setVisibility, uploaderNames } from './repository.js';
import type { AttachmentSettings } from './settings.js';
import { storeUpload, type ReceivedFile } from './upload.js';

async function visibleCase(ctx: Pick<AppContext, 'db'>, user: SessionUser, caseId: string): Promise<CaseAccessRow> {
  const row = await findCaseForAccess(ctx.db, user.jurisdictionId, caseId);
  if (!row || !canViewCase(user, row)) throw new AppError('CASE_NOT_FOUND', 'No such case, or not visible to you');
  return row;
}

const notFound = (): AppError => new AppError('ATTACHMENT_NOT_FOUND', 'No such attachment on this case, or not visible to you');

/** The case's attachments the viewer may see, numbered in the order they came (the number names a citizen's photo). */
async function visibleAttachments(ctx: AppContext, user: SessionUser, row: CaseAccessRow): Promise<Array<{ row: AttachmentRow; index: number }>> {
  const all = await listReadyAttachments(ctx.db, row.id);
  return all.map((a, index) => ({ row: a, index })).filter((a) => maySeeAttachment(user, row, a.row));
}


export async function caseAttachments(ctx: AppContext, settings: AttachmentSettings, options: { user: SessionUser; caseId: string }): Promise<CaseAttachments> {
  const row = await visibleCase(ctx, options.user, options.caseId);
  const all = await listReadyAttachments(ctx.db, row.id);
  const visible = await visibleAttachments(ctx, options.user, row);
  const names = await uploaderNames(ctx.db, [...new Set(visible.flatMap((a) => (a.row.uploader_user_id ? [a.row.uploader_user_id] : [])))]);
  return {
    items: visible.map((a) => presentAttachment(a.row, a.index, ctx.pii, a.row.uploader_user_id ? (names.get(a.row.uploader_user_id) ?? null) : null)),
    mayUpload: mayUploadAny(options.user, row),
    mayChangeVisibility: mayChangeVisibility(options.user, row),
    limits: settings.limits,
    withheld: all.length - visible.length,
  };
}

export async function uploadCaseAttachment(
  ctx: AppContext,
  settings: AttachmentSettings,
  options: { user: SessionUser; caseId: string; ip: string; receive: () => Promise<{ file: ReceivedFile; kind: StaffAttachmentKind; makePublic: boolean }> },
): Promise<Attachment> {
  const { user } = options;
  const row = await visibleCase(ctx, user, options.caseId);
  // Refused before the bytes are read when the viewer may attach nothing here.
  if (mayUploadAny(user, row).length === 0) throw new AppError('FORBIDDEN', 'You may not attach files to this case');
  const { file, kind, makePublic } = await options.receive();
  if (!mayUpload(user, row, kind)) {
    throw new AppError('FORBIDDEN', kind === 'proof' ? 'Only a handler of a unit working this case adds proof of work' : 'You may not attach documents to cases');
  }
  const protectedCase = row.caller_protected === 1;
  if (makePublic && !visibilityChangeAllowed(protectedCase, { uploaderKind: 'staff', visibility: 'internal', citizenProposed: false }, 'public')) {
    throw new AppError('VISIBILITY_NOT_ALLOWED', 'Nothing on a tip-line case is shown on the tracking page');
  }
  const id = await storeUpload(ctx, settings, {
    caseId: row.id, jurisdictionId: row.jurisdiction_id, kind, visibility: makePublic ? 'public' : 'internal',
    citizenProposed: false, uploader: { kind: 'staff', userId: user.id, ip: options.ip }, keepLocation: false,
  }, file);
  const listed = await caseAttachments(ctx, settings, { user, caseId: row.id });
  const view = listed.items.find((i) => i.id === id);
  if (!view) throw notFound();
  return view;
}

export interface AttachmentBytes {
  stream: Readable;
  contentType: string;
  fileName: string;
  /** Shown on the tracking page anyway: may be cached privately. */
  isPublic: boolean;
}

/**
 * The file or its thumbnail. Downloading a non-public file is audited (who read a citizen's
 * photo or a case's documents, like a reveal); thumbnails are the case page's own previews and
 * are not, as reading the case is not.
 */
export async function readCaseAttachment(
  ctx: AppContext,
  settings: AttachmentSettings,
  options: { user: SessionUser; caseId: string; attachmentId: string; variant: 'file' | 'thumbnail'; ip: string },
): Promise<AttachmentBytes> {
  const row = await visibleCase(ctx, options.user, options.caseId);
  const visible = await visibleAttachments(ctx, options.user, row);
  const found = visible.find((a) => a.row.id === options.attachmentId);
  if (!found) throw notFound();
  const key = options.variant === 'file' ? found.row.storage_key : found.row.thumbnail_key;
  if (!key) throw notFound();
  const stream = await settings.store.get(key);
  if (!stream) throw notFound();
  const isPublic = found.row.visibility === 'public';
  if (options.variant === 'file' && !isPublic) {
    await appendAudit(ctx.db, {
      jurisdictionId: row.jurisdiction_id, actorUserId: options.user.id, action: 'attachment.download', targetType: 'case', targetId: row.id,
      ip: options.ip, detail: { attachmentId: found.row.id, kind: found.row.kind },
    });
  }
  const name = displayName(found.row, found.index, ctx.pii);
  return {
    stream,
    contentType: options.variant === 'file' ? found.row.content_type : 'image/jpeg',
    fileName: options.variant === 'file' ? name : `thumbnail-${name.replace(/\.[^.]*$/, '')}.jpg`,
    isPublic,
  };
}

/** Approving a citizen's photo for the tracking page, or taking any attachment back (audited). */
export async function changeVisibility(
  ctx: AppContext,
  settings: AttachmentSettings,
  options: { user: SessionUser; caseId: string; attachmentId: string; visibility: AttachmentVisibility; ip: string },
): Promise<Attachment> {
  const { user } = options;
  await inTransaction(ctx, async (tx) => {
    const row = await visibleCase(tx, user, options.caseId);
    const found = await findReadyAttachment(tx.db, row.id, options.attachmentId);
    if (!found || !maySeeAttachment(user, row, found)) throw notFound();
    if (!mayChangeVisibility(user, row)) throw new AppError('FORBIDDEN', 'Only the hotline (operators, supervisors) decides what the tracking page shows');
    const facts = { uploaderKind: found.uploader_kind === 'staff' ? 'staff' as const : 'citizen' as const, visibility: found.visibility as AttachmentVisibility, citizenProposed: found.citizen_proposed === 1 };
    if (!visibilityChangeAllowed(row.caller_protected === 1, facts, options.visibility)) {
      throw new AppError('VISIBILITY_NOT_ALLOWED', 'A citizen\'s photo is shown only with their consent, and nothing on a tip-line case is shown', [{ path: 'visibility', message: options.visibility }]);
    }
    await setVisibility(tx.db, found.id, options.visibility);
    await appendAudit(tx.db, {
      jurisdictionId: row.jurisdiction_id, actorUserId: user.id, action: 'attachment.visibility', targetType: 'case', targetId: row.id, ip: options.ip,
      detail: { attachmentId: found.id, from: found.visibility, to: options.visibility },
    });
  });
  const listed = await caseAttachments(ctx, settings, { user, caseId: options.caseId });
  const view = listed.items.find((i) => i.id === options.attachmentId);
  if (!view) throw notFound();
  return view;
}
