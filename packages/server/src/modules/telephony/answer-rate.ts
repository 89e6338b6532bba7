import type { LineCalls } from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import { servedFigures } from '../cold-lines/snapshots.js';


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
