import { ATTACHMENT_VISIBILITIES, extensionFor, isImageType, SNIFFED_TYPES, type Attachment, type AttachmentVisibility, type SniffedType } from '@openline/core';
import type { PiiCipher } from '../../crypto/pii.js';
import type { AttachmentRow } from '../../db/schema.js';

const visibilityOf = (v: string): AttachmentVisibility => ((ATTACHMENT_VISIBILITIES as readonly string[]).includes(v) ? (v as AttachmentVisibility) : 'internal');
const sniffedOf = (v: string): SniffedType => ((SNIFFED_TYPES as readonly string[]).includes(v) ? (v as SniffedType) : 'application/pdf');

/**
 * The name staff see and download under. A citizen's file name may carry their name ("张三-门口.jpg")
 * and is kept sealed, shown to nobody: their photos are called by number. Staff name their own
 * documents ("施工许可证.pdf"), and those names are what colleagues look for.
 */
export function displayName(row: AttachmentRow, index: number, pii: PiiCipher): string {
  const ext = row.content_type === 'image/jpeg' ? 'jpg' : extensionFor(sniffedOf(row.content_type));
  if (row.uploader_kind === 'staff') {
    const original = pii.decrypt(row.original_name_sealed);
    if (original.length > 0) return original.replace(/\.[^.]*$/, '') + `.${ext}`;
  }
  return `${row.kind}-${index + 1}.${ext}`;
}

export function presentAttachment(row: AttachmentRow, index: number, pii: PiiCipher, uploaderName: string | null): Attachment {
  return {
    id: row.id,
    kind: row.kind,
    name: displayName(row, index, pii),
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    width: row.width,
    height: row.height,
    hasThumbnail: row.thumbnail_key !== null && isImageType(sniffedOf(row.content_type)),
    visibility: visibilityOf(row.visibility),
    citizenProposed: row.citizen_proposed === 1,
    locationKept: row.location_kept === 1,
    uploaderKind: row.uploader_kind === 'staff' ? 'staff' : 'citizen',
    uploaderName,
    createdAt: row.created_at,
  };
}
