import { z } from 'zod';

/** `GET /api/v1/admin/public-intake`: public web appeals accepted, processed and waiting (ADR 0032, ADR 0042). */
export const publicIntakeFiguresSchema = z.object({
  accepted: z.number().int().describe('public web appeals accepted (durably) since the start'),
  processed: z.number().int().describe('accepted and turned into cases'),
  backlog: z.number().int().describe('accepted, waiting to be processed (failed ones included)'),
  failed: z.number().int().describe('of the backlog: failed every attempt, not retried by themselves'),
  oldestAcceptedAt: z.string().nullable(),
  lagSeconds: z.number().int().describe('age of the oldest waiting appeal'),
  processedLastHour: z.number().int(),
});
export type PublicIntakeFigures = z.infer<typeof publicIntakeFiguresSchema>;
