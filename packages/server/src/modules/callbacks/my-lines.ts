import { isLineOpen, localDate, nextLineOpening, PROMPT_ANSWER_SECONDS, serviceHoursSchema, zonedInstant, type LineServiceHours, type MyLineList } from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import type { SessionUser } from '../auth/service.js';
import { loadWorkingCalendar } from '../calendar/load.js';
import { tallyCalls } from '../cold-lines/calls-repository.js';
import { currentFigures } from '../cold-lines/current.js';

const HOUR_MS = 3_600_000;

/**
 * An official's own lines at a glance (issue 10 §5): calls today and over 24 h, missed calls,
 * open and overdue callbacks, and the answer rate with callbacks made within 1 h counted as
 * answered (DESIGN §6). Lines are those the user owns; everyone else gets an empty list.
 */
export async function listMyLines(ctx: AppContext, o: { user: SessionUser; now?: Date }): Promise<MyLineList> {
  const now = o.now ?? new Date();
  const lines = await ctx.db
    .selectFrom('lines')
    .leftJoin('line_callback_settings as s', 's.line_id', 'lines.id')
    .select(['lines.id', 'lines.name', 'lines.number', 'lines.mode', 'lines.service_hours as serviceHours', 's.after_hours_number as afterHoursNumber'])
    .where('lines.jurisdiction_id', '=', o.user.jurisdictionId)
    .where('lines.owner_user_id', '=', o.user.id)
    .orderBy('lines.name')
    .execute();
  if (lines.length === 0) return { items: [] };
  const j = await ctx.db.selectFrom('jurisdictions').select(['id', 'timezone']).where('id', '=', o.user.jurisdictionId).executeTakeFirstOrThrow();
  const calendar = await loadWorkingCalendar(ctx.db, j);
  const ids = lines.map((l) => l.id);
  const daySince = nowIso(zonedInstant(localDate(now, j.timezone), 0, j.timezone));
  const since24h = nowIso(new Date(now.getTime() - 24 * HOUR_MS));
  // The rolling 24 h is the cold-line monitor's own figure (callbacks within 1 h counted, the
  // line's thresholds applied), so the official reads what the public directory shows.
  const [today, last24h, open, reached] = await Promise.all([
    tallyCalls(ctx.db, { jurisdictionId: j.id, lineIds: ids, since: daySince, until: nowIso(new Date(now.getTime() + 1)) }, PROMPT_ANSWER_SECONDS),
    currentFigures(ctx.db, j.id, lines, now),
    openCallbacks(ctx, { jurisdictionId: j.id, lineIds: ids }, nowIso(now)),
    reachedWithinHour(ctx, { jurisdictionId: j.id, lineIds: ids }, since24h),
  ]);
  return {
    items: lines.map((l) => {
      const hours = serviceHoursSchema.parse(JSON.parse(l.serviceHours)) as LineServiceHours;
      const d = today.get(l.id) ?? { offered: 0, pickedUp: 0 };
      const w = last24h.get(l.id)?.detail;
      return {
        id: l.id, name: l.name, number: l.number, mode: l.mode, afterHoursNumber: l.afterHoursNumber,
        openNow: isLineOpen(hours, calendar, now),
        nextOpensAt: ((at) => (at ? nowIso(at) : null))(nextLineOpening(hours, calendar, now)),
        today: { offered: d.offered, answered: d.pickedUp, missed: d.offered - d.pickedUp },
        last24h: {
          // The monitor's own counts, as the public directory shows them: answered includes the
          // missed calls the phone system shows called back within 1 h, and missed excludes them.
          offered: w?.offered ?? 0, answered: w?.answered ?? 0, missed: w?.missed ?? 0, calledBack: w?.calledBack ?? 0,
          // Tasks recorded as reached within the hour: the official's own record, which the rate
          // does not take (only a callback the phone system placed is evidence, DESIGN §6).
          callbacksWithin1h: reached.get(l.id) ?? 0,
          answerRate: w?.answerRate ?? null, answeredWithin15sRate: w?.answeredWithin15sRate ?? null, cold: w?.cold ?? false,
        },
        callbacks: open.get(l.id) ?? { open: 0, overdue: 0 },
      };
    }),
  };
}

/** The official's lines, all in their jurisdiction: named in each query, one partition when partitioned (ADR 0033). */
interface OwnLines {
  jurisdictionId: string;
  lineIds: string[];
}

async function openCallbacks(ctx: AppContext, own: OwnLines, now: string): Promise<Map<string, { open: number; overdue: number }>> {
  const rows = await ctx.db
    .selectFrom('callback_tasks')
    .select((eb) => [
      'line_id as lineId',
      eb.fn.countAll<number | string | bigint>().as('open'),
      eb.fn.sum<number | string | bigint | null>(eb.case().when(eb.and([eb('first_attempt_at', 'is', null), eb('due_at', '<=', now)])).then(1).else(0).end()).as('overdue'),
    ])
    .where('jurisdiction_id', '=', own.jurisdictionId)
    .where('line_id', 'in', own.lineIds)
    .where('status', '=', 'open')
    .groupBy('line_id')
    .execute();
  return new Map(rows.map((r) => [r.lineId, { open: Number(r.open), overdue: Number(r.overdue ?? 0) }]));
}

/** Tasks whose first call is in the window and whose caller was reached within an hour of it. */
async function reachedWithinHour(ctx: AppContext, own: OwnLines, since: string): Promise<Map<string, number>> {
  const rows = await ctx.db
    .selectFrom('callback_tasks')
    .select(['line_id as lineId', 'first_call_at as firstCallAt', 'closed_at as closedAt'])
    .where('jurisdiction_id', '=', own.jurisdictionId)
    .where('line_id', 'in', own.lineIds)
    .where('outcome', '=', 'reached')
    .where('first_call_at', '>=', since)
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) {
    if (r.closedAt !== null && new Date(r.closedAt).getTime() - new Date(r.firstCallAt).getTime() <= HOUR_MS) out.set(r.lineId, (out.get(r.lineId) ?? 0) + 1);
  }
  return out;
}
