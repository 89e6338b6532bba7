import { z } from 'zod';

/* The platform's own screens: the jurisdictions (a province's cities) a platform admin sets up (ADR 0042). */

export const jurisdictionSchema = z.object({ id: z.string(), code: z.string(), name: z.string(), timezone: z.string(), createdAt: z.string() });
export type JurisdictionSummary = z.infer<typeof jurisdictionSchema>;

/** `GET /api/v1/platform/jurisdictions`. */
export const jurisdictionListSchema = z.object({ items: z.array(jurisdictionSchema) });
export type JurisdictionList = z.infer<typeof jurisdictionListSchema>;

/** `POST /api/v1/platform/jurisdictions`: with its root unit and, when asked for, its first admin. */
export const createdJurisdictionSchema = jurisdictionSchema.extend({
  rootUnit: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  firstAdmin: z.object({ id: z.string(), username: z.string() }).nullable(),
});
export type CreatedJurisdiction = z.infer<typeof createdJurisdictionSchema>;
