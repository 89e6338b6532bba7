import { z } from 'zod';
import { CO_HANDLING_KINDS } from '../co-handling.js';

/* Co-handling's answer (协办, issue 12 §7, ADR 0042): the same view after a read and after a record. */

export const coHandlingNoteSchema = z.object({
  id: z.string(),
  kind: z.enum(CO_HANDLING_KINDS),
  text: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export type CoHandlingNote = z.infer<typeof coHandlingNoteSchema>;

export const coUnitPartSchema = z.object({ unitId: z.string(), unitName: z.string(), notes: z.array(coHandlingNoteSchema) });
export type CoUnitPart = z.infer<typeof coUnitPartSchema>;

/** `GET`/`POST /api/v1/cases/:id/co-handling`: a case's co-units with what each recorded, and what the viewer may do. */
export const coHandlingViewSchema = z.object({
  units: z.array(coUnitPartSchema),
  mayRecordFor: z.string().nullable().describe('the co-unit the viewer records for now, if any'),
});
export type CoHandlingView = z.infer<typeof coHandlingViewSchema>;
