import { z } from 'zod';

/* The push-back (退单) and fairness reports (issue 9 §3, DESIGN §7, ADR 0042). */

const count = z.number().int().min(0);
const minutes = z.number().min(0).nullable();

export const returnsItemSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  dispatched: count,
  returns: count,
  returnRate: z.number().min(0).max(1).nullable().describe('退单率 returns / dispatched'),
  arbitrations: count.describe('arbitrations in the period ruling on a return by this unit'),
  returningUnitRight: count.describe('…sent to another unit: the return was justified'),
  returningUnitWrong: count.describe('…sent back to this unit'),
});
export type ReturnsItem = z.infer<typeof returnsItemSchema>;

/** `GET /api/v1/stats/returns`: per unit over local days from..to. */
export const returnsReportSchema = z.object({ from: z.string(), to: z.string(), items: z.array(returnsItemSchema) });
export type ReturnsReport = z.infer<typeof returnsReportSchema>;

/** Waits and priority of one group of a month's cases. */
export const fairnessGroupSchema = z.object({
  key: z.string(),
  cases: count,
  dispatched: count,
  dispatchMedianMinutes: minutes.describe('received → first dispatch, nearest-rank median'),
  dispatchP90Minutes: minutes,
  contacted: count,
  contactMedianMinutes: minutes.describe('received → first contact of the citizen'),
  contactP90Minutes: minutes,
  averagePriority: z.number().nullable(),
});
export type FairnessGroup = z.infer<typeof fairnessGroupSchema>;

/** `GET /api/v1/stats/fairness`. */
export const fairnessReportSchema = z.object({
  month: z.string(),
  cases: count,
  byBand: z.array(fairnessGroupSchema).describe('P0 ≥ 400 … P4 < 20 (core PRIORITY_BANDS)'),
  byUrgency: z.array(fairnessGroupSchema),
  byContacts: z.array(fairnessGroupSchema).describe('contacts in the month by the case’s caller, on any case: 1, 2-3, 4+'),
  byCaller: z.array(fairnessGroupSchema).describe('frequent callers (frequentCallerRule) and others'),
  frequentCallerRule: z.object({ overContacts: count, days: count }),
  check: z.object({
    checked: count,
    violations: count.describe('cases whose stored priority exceeds what urgency, distinct callers, flags and age allow'),
    caseNumbers: z.array(z.string()).describe('up to 20 of them'),
  }),
});
export type FairnessReport = z.infer<typeof fairnessReportSchema>;
