import { mayViewAttachment, type AttachmentVisibility, type StaffAttachmentKind } from '@openline/core';
import type { AttachmentRow } from '../../db/schema.js';
import type { SessionUser } from '../auth/service.js';
import { canViewCase } from '../cases/policy.js';
import type { CaseAccessRow } from '../cases/repository.js';

/**
 * Who attaches what (issue 12 §5): operators and supervisors add documents (a letter, a permit,
 * the caller's emailed complaint); a unit's handlers add proof of work with their reply, and
 * documents. Officials instruct and admins configure: neither attaches. All of it on a case they
 * may see; an API token acts as its account (an intake bridge forwarding an e-mail's PDF).
 */
const UPLOAD_ROLES: Record<StaffAttachmentKind, readonly string[]> = {
  document: ['operator', 'supervisor', 'handler'],
  proof: ['handler'],
};
/** Publishing to the tracking page is the hotline's call: it speaks to citizens for the city. Handlers choose at upload. */
const PUBLISH_ROLES: readonly string[] = ['operator', 'supervisor'];

const hasAny = (user: SessionUser, roles: readonly string[]): boolean => user.roles.some((r) => roles.includes(r));

export function mayUpload(user: SessionUser, row: CaseAccessRow, kind: StaffAttachmentKind): boolean {
  return canViewCase(user, row) && hasAny(user, UPLOAD_ROLES[kind]);
}

export function mayUploadAny(user: SessionUser, row: CaseAccessRow): StaffAttachmentKind[] {
  return (Object.keys(UPLOAD_ROLES) as StaffAttachmentKind[]).filter((k) => mayUpload(user, row, k));
}

export function mayChangeVisibility(user: SessionUser, row: CaseAccessRow): boolean {
  return canViewCase(user, row) && hasAny(user, PUBLISH_ROLES);
}

/** The case rule, then the tip-line rule for a citizen's uploads (core's mayViewAttachment). */
export function maySeeAttachment(user: SessionUser, row: CaseAccessRow, attachment: AttachmentRow): boolean {
  return (
    canViewCase(user, row) &&
    mayViewAttachment(row.caller_protected === 1, { uploaderKind: attachment.uploader_kind === 'staff' ? 'staff' : 'citizen', visibility: attachment.visibility as AttachmentVisibility }, user)
  );
}
