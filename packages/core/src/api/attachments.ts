import { z } from 'zod';
import { ATTACHMENT_VISIBILITIES, STAFF_ATTACHMENT_KINDS } from '../attachments.js';

/* Attachments' answers (issue 12 §5, ADR 0035, ADR 0042): staff's view of a case's files, and the citizen's. */

/** One attachment as staff see it (`POST`/`PATCH …/attachments` answer one). */
export const attachmentSchema = z.object({
  id: z.string(),
  kind: z.string().describe("photo (a citizen's), proof (of work, with a reply), document"),
  name: z.string().describe("a citizen's photos are named by number: their file names stay sealed"),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  hasThumbnail: z.boolean(),
  visibility: z.enum(ATTACHMENT_VISIBILITIES),
  citizenProposed: z.boolean(),
  locationKept: z.boolean().describe("the citizen shared the photo's location: its EXIF (GPS) was kept"),
  uploaderKind: z.enum(['citizen', 'staff']),
  uploaderName: z.string().nullable(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** `GET /api/v1/cases/:id/attachments`: what the viewer may see, and what they may do. */
export const caseAttachmentsSchema = z.object({
  items: z.array(attachmentSchema),
  mayUpload: z.array(z.enum(STAFF_ATTACHMENT_KINDS)),
  mayChangeVisibility: z.boolean(),
  limits: z.object({ maxBytes: z.number(), maxPerCase: z.number(), maxPerAppeal: z.number(), appealWindowMinutes: z.number() }),
  withheld: z.number().int().describe("attachments the viewer may not see (a tip reporter's photos, ADR 0006)"),
});
export type CaseAttachments = z.infer<typeof caseAttachmentsSchema>;

/** An attachment on the tracking page (`POST /api/v1/public/appeals/:trackingCode/files` answers one). */
export const publicAttachmentSchema = z.object({
  id: z.string(),
  kind: z.string(),
  contentType: z.string(),
  hasThumbnail: z.boolean(),
  own: z.boolean().describe('sent with this tracking code'),
  createdAt: z.string(),
});
export type PublicAttachment = z.infer<typeof publicAttachmentSchema>;
