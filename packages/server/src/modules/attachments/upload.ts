import { sniffType, typeAllowed, type AttachmentKind, type AttachmentVisibility } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import { insertEvent } from '../cases/repository.js';
import { storedForm } from './images.js';
import { countAttachments, deleteAttachmentRow, insertAttachment, lockCaseForUpload, markReady } from './repository.js';
import type { AttachmentSettings } from './settings.js';
import { newStorageKey } from './store.js';

/** One file as the multipart parser handed it over, bytes within the size limit. */
export interface ReceivedFile {
  bytes: Buffer;
  name: string | undefined;
}

export interface UploadTarget {
  caseId: string;
  jurisdictionId: string;
  kind: AttachmentKind;
  visibility: AttachmentVisibility;
  citizenProposed: boolean;
  uploader: { kind: 'citizen'; codeHash: string; ip: string } | { kind: 'staff'; userId: string; ip: string };
  keepLocation: boolean;
}

const limitReached = (what: string, max: number): AppError =>
  new AppError('ATTACHMENT_LIMIT_REACHED', `This ${what} already has ${max} attachments`, [{ path: 'file', message: what, issue: 'too_big', limit: max, origin: 'array' }]);

/**
 * Stores one upload: sniff, re-encode (outside any transaction: it is the slow part), then a
 * `pending` row counted against the limits under the case's lock, then the bytes, then `ready`
 * with its event and audit entry. A failure after the row removes row and bytes; a crash leaves
 * a pending row that the worker's sweep removes (`sweep.ts`), so nothing is left half-stored.
 */
export async function storeUpload(ctx: AppContext, settings: AttachmentSettings, target: UploadTarget, file: ReceivedFile): Promise<string> {
  const type = sniffType(file.bytes.subarray(0, 16));
  if (type === null || !typeAllowed(target.kind, type)) {
    throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', target.kind === 'photo' ? 'Only photos (JPEG, PNG, WebP, GIF) may be attached' : 'Only images and PDF documents may be attached', [
      { path: 'file', message: type ?? 'unrecognised' },
    ]);
  }
  const form = await storedForm(file.bytes, type, { keepLocation: target.keepLocation });
  const id = newId();
  const now = new Date();
  const key = newStorageKey(id, now);
  const thumbnailKey = form.thumbnail ? `${key}.thumb` : null;
  const { limits } = settings;
  const codeHash = target.uploader.kind === 'citizen' ? target.uploader.codeHash : null;

  await inTransaction(ctx, async (tx) => {
    await lockCaseForUpload(tx.db, ctx.dialect, target);
    await insertAttachment(tx.db, {
      id, jurisdiction_id: target.jurisdictionId, case_id: target.caseId, kind: target.kind, state: 'pending',
      original_name_sealed: ctx.pii.encrypt(file.name ?? ''), sniffed_type: type, content_type: form.contentType, size_bytes: form.data.length,
      sha256: form.sha256, storage_key: key, thumbnail_key: thumbnailKey, width: form.width, height: form.height, location_kept: form.locationKept ? 1 : 0,
      visibility: target.visibility, citizen_proposed: target.citizenProposed ? 1 : 0, uploader_kind: target.uploader.kind,
      uploader_user_id: target.uploader.kind === 'staff' ? target.uploader.userId : null, citizen_code_hash: codeHash, created_at: nowIso(now),
    });
    if ((await countAttachments(tx.db, { caseId: target.caseId })) > limits.maxPerCase) throw limitReached('case', limits.maxPerCase);
    if (codeHash !== null && (await countAttachments(tx.db, { caseId: target.caseId, citizenCodeHash: codeHash })) > limits.maxPerAppeal) {
      throw limitReached('appeal', limits.maxPerAppeal);
    }
  });

  try {
    await settings.store.put(key, form.data, form.contentType);
    if (form.thumbnail && thumbnailKey) await settings.store.put(thumbnailKey, form.thumbnail, 'image/jpeg');
    await inTransaction(ctx, async (tx) => {
      await markReady(tx.db, id);
      const staffId = target.uploader.kind === 'staff' ? target.uploader.userId : null;
      await insertEvent(tx.db, {
        caseId: target.caseId, jurisdictionId: target.jurisdictionId, type: 'attachment_added', actorKind: target.uploader.kind, actorUserId: staffId, fromStatus: null, toStatus: null,
        payload: { attachmentId: id, kind: target.kind }, createdAt: nowIso(),
      });
      await appendAudit(tx.db, {
        jurisdictionId: target.jurisdictionId, actorUserId: staffId, action: 'attachment.upload', targetType: 'case', targetId: target.caseId,
        ip: target.uploader.ip, detail: { attachmentId: id, kind: target.kind, contentType: form.contentType, bytes: form.data.length, locationKept: form.locationKept },
      });
    });
  } catch (err) {
    await Promise.allSettled([settings.store.delete(key), ...(thumbnailKey ? [settings.store.delete(thumbnailKey)] : [])]);
    await deleteAttachmentRow(ctx.db, id);
    throw err;
  }
  return id;
}
