// Working calendar and deadline rules (DESIGN §5). Pure: the server stores the results on cases.
export { addDays, isIsoDate, localDate, zonedInstant, type IsoDate } from './local-time.js';
export {
  YEAR_CALENDAR_SOURCES,
  yearCalendarSchema,
  type YearCalendar,
  type YearCalendarSource,
} from './year-calendar.js';
export { packageCoversYear, packageYears, yearCalendarFromPackage } from './chinese-days-source.js';
export {
  DEFAULT_TIME_ZONE,
  DEFAULT_WORKING_HOURS,
  createWorkingCalendar,
  workingCalendarConfigSchema,
  workingPeriodSchema,
  type DayInfo,
  type DayKind,
  type WorkingCalendar,
  type WorkingCalendarConfig,
  type WorkingInterval,
  type WorkingPeriod,
  type WorkingPeriodInput,
} from './working-calendar.js';
export {
  addNaturalHours,
  addWorkingDays,
  addWorkingHours,
  addWorkingMs,
  isWorkingTime,
  nextWorkingTime,
  workingMsBetween,
  workingMsUntil,
} from './working-time.js';
export {
  DEADLINE_UNITS,
  POLICY_URGENCIES,
  deadlinePolicySchema,
  deadlineSpanSchema,
  defaultDeadlinePolicy,
  stageSpansSchema,
  type DeadlinePolicy,
  type DeadlineSpan,
  type DeadlineUnit,
  type PolicyUrgency,
  type StageSpans,
} from './policy.js';
export {
  applySpan,
  clockOf,
  computeDeadlines,
  extendDeadline,
  extensionLimit,
  reminderAt,
  type CaseDeadlines,
  type ComputeDeadlinesInput,
  type DeadlineClock,
} from './deadlines.js';
export { calendarCoverage, calendarWarnings, type CalendarCoverage, type CalendarWarning } from './warnings.js';
