import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { servedFigures } from '../cold-lines/snapshots.js';

const rate = z.number().min(0).max(1).nullable();
export const lineCallsSchema = z
  .object({
    offered: z.number().int().describe('inbound calls that ended in the last 24 h'),
    answered: z.number().int().describe('picked up, or called back within 1 h (DESIGN §6)'),
    missed: z.number().int().describe('offered and not answered (missed, abandoned, busy, voicemail, rejected) nor called back within 1 h'),
    answerRate: rate.describe('接通率 answered / offered; null when nothing was offered'),
    answeredWithin15sRate: rate.describe('answered within 15 s / offered; null when nothing was offered'),
    cold: z.boolean().describe("冷线: below the line's thresholds (default: answer rate or answered-within-15-s rate below 95 %, GB/T 33358-2016)"),
  })
  .nullable()
  .describe('calls over the last 24 h (rolling); null for a tip line');
export type LineCalls = z.infer<typeof lineCallsSchema>;

/**
 * Each line's calls over the rolling 24 h before `now` (issue 10 §4), judged by the line's own
 * thresholds (and minimum of calls) with callbacks within 1 h counted (modules/cold-lines), as the
 * worker's snapshot holds them: at most SNAPSHOT_MAX_AGE_MS old (ADR 0041). A tip line gets null,
 * as its monthly figures do: how many people rang it is itself sensitive (ADR 0006).
 */
export async function recentLineCalls(
  ctx: AppContext, jurisdictionId: string, lines: ReadonlyArray<{ id: string; mode: string }>, now: Date = new Date(),
): Promise<Map<string, LineCalls>> {
  const figures = await servedFigures(ctx.db, jurisdictionId, lines.filter((l) => l.mode !== 'tip'), now);
  return new Map(
    lines.map((l): [string, LineCalls] => {
      const d = figures.get(l.id)?.detail;
      if (l.mode === 'tip' || !d) return [l.id, null];
      return [l.id, { offered: d.offered, answered: d.answered, missed: d.missed, answerRate: d.answerRate, answeredWithin15sRate: d.answeredWithin15sRate, cold: d.cold }];
    }),
  );
}
