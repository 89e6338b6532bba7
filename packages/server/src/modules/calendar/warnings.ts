import { calendarWarnings, type CalendarWarning } from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import { loadWorkingCalendar } from './load.js';

/** Calendar gaps per jurisdiction: from 1 November, a missing next year (DESIGN §5). */
export async function jurisdictionCalendarWarnings(
  ctx: AppContext,
  now: Date = new Date(),
): Promise<Array<{ jurisdiction: string; warnings: CalendarWarning[] }>> {
  const jurisdictions = await ctx.db.selectFrom('jurisdictions').select(['id', 'code', 'timezone']).execute();
  const out: Array<{ jurisdiction: string; warnings: CalendarWarning[] }> = [];
  for (const j of jurisdictions) {
    const warnings = calendarWarnings(now, await loadWorkingCalendar(ctx.db, j));
    if (warnings.length > 0) out.push({ jurisdiction: j.code, warnings });
  }
  return out;
}
