import {
  DEFAULT_WORKING_HOURS,
  calendarCoverage,
  calendarWarnings,
  deadlinePolicySchema,
  localDate,
  yearCalendarFromPackage,
  yearCalendarSchema,
  type CalendarOverview,
  type DeadlinePolicy,
  type DeadlinePolicyAnswer,
  type YearCalendar,
} from '@openline/core';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { findJurisdiction, type Jurisdiction } from '../jurisdictions/repository.js';
import { loadDeadlinePolicy, loadWorkingCalendar } from './load.js';
import { findDeadlinePolicy, listCalendarYears, upsertCalendarYear, upsertDeadlinePolicy } from './repository.js';

async function adminJurisdiction(ctx: AppContext, user: SessionUser): Promise<Jurisdiction> {
  assertRole(user, ['admin']);
  const jurisdiction = await findJurisdiction(ctx.db, user.jurisdictionId);
  if (!jurisdiction) throw new AppError('NOT_CONFIGURED', 'Your jurisdiction no longer exists');
  return jurisdiction;
}

export async function getDeadlinePolicy(ctx: AppContext, options: { user: SessionUser }): Promise<DeadlinePolicyAnswer> {
  const j = await adminJurisdiction(ctx, options.user);
  return { policy: await loadDeadlinePolicy(ctx.db, j.id), isDefault: (await findDeadlinePolicy(ctx.db, j.id)) === undefined };
}

/** New deadlines follow the new policy; deadlines already set stay as they were promised. */
export async function setDeadlinePolicy(
  ctx: AppContext,
  options: { user: SessionUser; ip: string; policy: DeadlinePolicy },
): Promise<DeadlinePolicyAnswer> {
  const j = await adminJurisdiction(ctx, options.user);
  const policy = deadlinePolicySchema.parse(options.policy);
  await inTransaction(ctx, async ({ db }) => {
    await upsertDeadlinePolicy(db, { jurisdictionId: j.id, policy: JSON.stringify(policy), updatedAt: nowIso(), updatedBy: options.user.id });
    await appendAudit(db, { jurisdictionId: j.id, actorUserId: options.user.id, action: 'settings.deadline_policy', ip: options.ip, detail: { policy } });
  });
  return { policy, isDefault: false };
}

/** The years that matter to an admin: every loaded one, and the packaged ones from last year on. */
export async function getCalendar(ctx: AppContext, options: { user: SessionUser; now?: Date }): Promise<CalendarOverview> {
  const j = await adminJurisdiction(ctx, options.user);
  const calendar = await loadWorkingCalendar(ctx.db, j);
  const now = options.now ?? new Date();
  const thisYear = Number(localDate(now, j.timezone).slice(0, 4));
  const coverage = calendarCoverage(calendar);
  const loaded = (await listCalendarYears(ctx.db, j.id)).map((r) => yearCalendarSchema.parse(JSON.parse(r.data)));
  const packaged = coverage.package
    .filter((y) => y >= thisYear - 1 && !coverage.loaded.includes(y))
    .map((y) => yearCalendarFromPackage(y))
    .filter((y): y is YearCalendar => y !== null);
  return {
    timeZone: j.timezone,
    workingHours: DEFAULT_WORKING_HOURS.map((p) => ({ ...p })),
    years: [...loaded, ...packaged].sort((a, b) => a.year - b.year),
    coverage,
    warnings: calendarWarnings(now, calendar),
  };
}

/** An admin loads (or replaces) one year's holidays and make-up working days. */
export async function setCalendarYear(
  ctx: AppContext,
  options: { user: SessionUser; ip: string; year: number; input: { holidays: string[]; makeupWorkdays: string[]; name?: string | undefined } },
): Promise<CalendarOverview> {
  const j = await adminJurisdiction(ctx, options.user);
  const parsed = yearCalendarSchema.safeParse({ ...options.input, year: options.year, source: 'admin' });
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      'The calendar is not valid',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  await inTransaction(ctx, async ({ db }) => {
    await upsertCalendarYear(db, { jurisdictionId: j.id, year: options.year, data: JSON.stringify(parsed.data), updatedAt: nowIso(), updatedBy: options.user.id });
    await appendAudit(db, {
      jurisdictionId: j.id, actorUserId: options.user.id, action: 'settings.calendar_year', targetType: 'calendar_year', targetId: String(options.year), ip: options.ip,
      detail: { holidays: parsed.data.holidays.length, makeupWorkdays: parsed.data.makeupWorkdays.length },
    });
  });
  return getCalendar(ctx, { user: options.user });
}

/** The statutory calendar the package knows for a year: the starting point for an admin's edit. */
export function packageYear(year: number): YearCalendar {
  const found = yearCalendarFromPackage(year);
  if (!found) throw new AppError('NOT_FOUND', `No packaged calendar for ${year}; enter it from the State Council notice`);
  return found;
}

