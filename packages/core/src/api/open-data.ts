import { z } from 'zod';

/* The open case data's dictionary (ADR 0042): what each published field means. */

/** `GET /api/v1/public/open-data/dictionary`. */
export const openDataDictionarySchema = z.object({
  title: z.string(),
  formats: z.array(z.string()),
  recordsPerMonth: z.string(),
  suppression: z.object({ minCell: z.number().int(), rule: z.string() }),
  excluded: z.array(z.string()),
  fields: z.array(z.object({ name: z.string(), type: z.string(), zh: z.string(), en: z.string(), values: z.array(z.string()).optional() })),
});
export type OpenDataDictionary = z.infer<typeof openDataDictionarySchema>;
