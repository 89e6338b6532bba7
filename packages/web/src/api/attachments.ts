import type { Attachment, AttachmentVisibility, CaseAttachments, PublicAttachment, StaffAttachmentKind } from '@openline/core';
import { request, upload } from './client';

/* Attachments (issue 12 §5, ADR 0035). Answers are core's API schemas (ADR 0042). */

export type { Attachment, CaseAttachments } from '@openline/core';

export const attachmentKeys = {
  list: (caseId: string) => ['cases', caseId, 'attachments'] as const,
};

const casePath = (caseId: string) => `/api/v1/cases/${encodeURIComponent(caseId)}/attachments`;

export function getAttachments(caseId: string, signal?: AbortSignal): Promise<CaseAttachments> {
  return request('GET', casePath(caseId), { signal });
}

export const attachmentUrl = (caseId: string, id: string, variant: 'file' | 'thumbnail' = 'file'): string =>
  `${casePath(caseId)}/${encodeURIComponent(id)}${variant === 'thumbnail' ? '/thumbnail' : ''}`;

export function uploadAttachment(caseId: string, file: File, options: { kind: StaffAttachmentKind; makePublic: boolean }): Promise<Attachment> {
  const form = new FormData();
  // Fields before the file: the server reads them as the stream arrives.
  form.append('kind', options.kind);
  form.append('public', String(options.makePublic));
  form.append('file', file);
  return upload(casePath(caseId), form);
}

export function setAttachmentVisibility(caseId: string, id: string, visibility: AttachmentVisibility): Promise<Attachment> {
  return request('PATCH', `${casePath(caseId)}/${encodeURIComponent(id)}`, { body: { visibility } });
}

const publicPath = (trackingCode: string) => `/api/v1/public/appeals/${encodeURIComponent(trackingCode)}/files`;

export const publicFileUrl = (trackingCode: string, id: string, variant: 'file' | 'thumbnail' = 'file'): string =>
  `${publicPath(trackingCode)}/${encodeURIComponent(id)}${variant === 'thumbnail' ? '/thumbnail' : ''}`;

/** A citizen's photo for the appeal just filed, through its tracking code. */
export function uploadAppealPhoto(trackingCode: string, file: File, options: { shareLocation: boolean; makePublic: boolean }): Promise<PublicAttachment> {
  const form = new FormData();
  form.append('shareLocation', String(options.shareLocation));
  form.append('public', String(options.makePublic));
  form.append('file', file);
  return upload(publicPath(trackingCode), form);
}
