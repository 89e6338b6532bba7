import { z } from 'zod';
import { CASE_STATUSES } from '../case-status.js';
import { SATISFACTION_LEVELS } from '../lifecycle/actions.js';
import { publicAttachmentSchema } from './attachments.js';

/* The citizen's own appeal, without signing in (ADR 0007, 0032, 0042): the receipt and the tracking page. */

/**
 * `POST /api/v1/public/appeals`: accepted durably and processed moments later (ADR 0032); the
 * case number appears on the tracking page, not here.
 */
export const appealReceiptSchema = z.object({ outcome: z.literal('received'), trackingCode: z.string() });
export type AppealReceipt = z.infer<typeof appealReceiptSchema>;

/** `GET /api/v1/public/appeals/:trackingCode`, and the answer to the citizen's rating. */
/**
 * Where an appeal stands, which a null case number alone cannot say: `processing` (accepted, not
 * yet processed; its number is coming), `case` (a case of its own), `merged` (handled with the
 * same problem in another case: its own number if it was opened and merged, none if it was added
 * to an open case).
 */
export const TRACKING_STAGES = ['processing', 'case', 'merged'] as const;
export type TrackingStage = (typeof TRACKING_STAGES)[number];

export const trackedAppealSchema = z.object({
  stage: z.enum(TRACKING_STAGES).describe('processing: case number still being generated; case: a case of its own; merged: handled with the same problem in another case'),
  caseNumber: z.string().nullable().describe("null for an appeal added to an open case: that case's number is not disclosed"),
  status: z.enum(CASE_STATUSES),
  createdAt: z.string(),
  replyText: z.string().nullable(),
  repliedAt: z.string().nullable(),
  timeline: z.array(z.object({ type: z.string(), at: z.string() })).describe('the public part of the case history'),
  canRate: z.boolean().describe("the case was replied to and awaits the citizen's rating"),
  rating: z.object({ solved: z.boolean(), satisfaction: z.enum(SATISFACTION_LEVELS) }).nullable(),
  attachments: z.array(publicAttachmentSchema).describe('photos and proof of work: those staff made public, and the ones sent with this code (GET …/files/:fileId)'),
});
export type TrackedAppeal = z.infer<typeof trackedAppealSchema>;
