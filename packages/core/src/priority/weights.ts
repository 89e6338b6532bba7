import { z } from 'zod';

const points = z.number().finite().min(0).max(100_000);

/**
 * How much each part of the priority is worth (DESIGN §7). The defaults and their reasons:
 *
 * - urgency 0 / 200 / 400: the gap between levels is larger than everything else together
 *   (impact 100 + vulnerability 40 + age 20 = 160), so an urgent case always outranks a normal
 *   one and an emergency both. The schema enforces this for any edited weights.
 * - impact 10 points per doubling of distinct callers, up to 100 (1,024 callers): the 2nd caller
 *   matters more than the 200th, and 50 households affected should lead one household by a lot
 *   (≈56 points) without the largest incident burying everything else.
 * - vulnerability 20 for the first flag, 5 for each further one, up to 40: being vulnerable is
 *   what counts; an elderly, disabled caller is not twice as urgent as an elderly one.
 * - age 2 points per working day since received, up to 20 (10 working days, past the 7-day
 *   normal deadline): old cases rise so nothing waits forever, but age never outweighs real
 *   impact (20 points = 4 callers) and weekends and holidays do not count as waiting.
 */
export const priorityWeightsSchema = z
  .object({
    urgency: z.object({ normal: points, urgent: points, emergency: points }),
    impactPerDoubling: points,
    impactCap: points,
    vulnerabilityFirst: points,
    vulnerabilityEach: points,
    vulnerabilityCap: points,
    agePerWorkingDay: points,
    ageCap: points,
  })
  .refine(
    (w) => {
      const rest = w.impactCap + w.vulnerabilityCap + w.ageCap;
      return w.urgency.urgent - w.urgency.normal > rest && w.urgency.emergency - w.urgency.urgent > rest;
    },
    { message: 'each urgency level must outweigh impact, vulnerability and age together', path: ['urgency'] },
  );
export type PriorityWeights = z.infer<typeof priorityWeightsSchema>;

export function defaultPriorityWeights(): PriorityWeights {
  return {
    urgency: { normal: 0, urgent: 200, emergency: 400 },
    impactPerDoubling: 10,
    impactCap: 100,
    vulnerabilityFirst: 20,
    vulnerabilityEach: 5,
    vulnerabilityCap: 40,
    agePerWorkingDay: 2,
    ageCap: 20,
  };
}
