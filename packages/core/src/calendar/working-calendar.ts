import { z } from 'zod';
import { packageCoversYear, yearCalendarFromPackage } from './chinese-days-source.js';
import { assertTimeZone, isWeekend, yearOf, zonedInstant, type IsoDate } from './local-time.js';
import { yearCalendarSchema, type YearCalendar, type YearCalendarSource } from './year-calendar.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * Default office hours: 09:00–12:00 and 13:30–17:30, 7 working hours a day, a common pattern for
 * government offices and 政务服务中心 with a lunch break. Real hours vary by city and season (many
 * use 08:30 or a 14:00 afternoon start in summer), so every jurisdiction sets its own periods.
 */
export const DEFAULT_WORKING_HOURS = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
] as const;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM');

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

export const workingPeriodSchema = z
  .object({ start: clockTime, end: clockTime })
  .refine((p) => minutesOf(p.start) < minutesOf(p.end), { message: 'a period must end after it starts' });
export type WorkingPeriodInput = z.infer<typeof workingPeriodSchema>;

/** What a jurisdiction stores to build its calendar; plain data, so it can live in the database. */
export const workingCalendarConfigSchema = z.object({
  timeZone: z
    .string()
    .default(DEFAULT_TIME_ZONE)
    .refine(
      (zone) => {
        try {
          assertTimeZone(zone);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'unknown IANA time zone' },
    ),
  workingHours: z
    .array(workingPeriodSchema)
    .min(1)
    .default(() => DEFAULT_WORKING_HOURS.map((p) => ({ ...p })))
    .refine(
      (periods) =>
        periods.every((p, i) => {
          const previous = periods[i - 1];
          return !previous || minutesOf(previous.end) <= minutesOf(p.start);
        }),
      { message: 'periods must be in order and must not overlap' },
    ),
  /** Admin-loaded years; a loaded year replaces the package's data for that year entirely. */
  years: z
    .array(yearCalendarSchema)
    .default([])
    .refine((years) => new Set(years.map((y) => y.year)).size === years.length, {
      message: 'each year may be loaded once',
    }),
  /** Off only for tests or a jurisdiction outside the mainland statutory calendar. */
  usePackageHolidays: z.boolean().default(true),
});
export type WorkingCalendarConfig = z.input<typeof workingCalendarConfigSchema>;

/** A working period as minutes after local midnight, [start, end). */
export interface WorkingPeriod {
  readonly start: number;
  readonly end: number;
}

/** A stretch of working time as epoch milliseconds, [start, end). */
export interface WorkingInterval {
  readonly start: number;
  readonly end: number;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface DayInfo {
  readonly date: IsoDate;
  readonly working: boolean;
  readonly kind: DayKind;
  /** `weekend_rule` means no year data applies: Monday–Friday work, Saturday–Sunday rest. */
  readonly source: YearCalendarSource | 'weekend_rule';
}

export interface WorkingCalendar {
  readonly timeZone: string;
  readonly workingHours: readonly WorkingPeriod[];
  readonly usesPackageHolidays: boolean;
  dayInfo(date: IsoDate): DayInfo;
  isWorkingDay(date: IsoDate): boolean;
  /** The working periods of `date` as instants; empty on a day off. */
  workingIntervals(date: IsoDate): readonly WorkingInterval[];
  /** Which data decides `year`: an admin-loaded year, the package, or none (weekends only). */
  yearSource(year: number): 'loaded' | 'package' | null;
  /** Admin-loaded years, ascending. */
  loadedYears(): number[];
}

interface YearSets {
  source: YearCalendarSource;
  holidays: ReadonlySet<IsoDate>;
  makeupWorkdays: ReadonlySet<IsoDate>;
}

function toSets(year: YearCalendar): YearSets {
  return { source: year.source, holidays: new Set(year.holidays), makeupWorkdays: new Set(year.makeupWorkdays) };
}

const INTERVAL_CACHE_DAYS = 20_000;

/** Builds a jurisdiction's calendar; throws a ZodError for invalid configuration. */
export function createWorkingCalendar(config: WorkingCalendarConfig = {}): WorkingCalendar {
  const parsed = workingCalendarConfigSchema.parse(config);
  const loaded = new Map(parsed.years.map((y) => [y.year, toSets(y)]));
  const fromPackage = new Map<number, YearSets | null>();
  const workingHours = parsed.workingHours.map((p) => ({ start: minutesOf(p.start), end: minutesOf(p.end) }));

  function yearData(year: number): YearSets | null {
    const own = loaded.get(year);
    if (own) return own;
    if (!parsed.usePackageHolidays) return null;
    if (!fromPackage.has(year)) {
      const data = yearCalendarFromPackage(year);
      fromPackage.set(year, data ? toSets(data) : null);
    }
    return fromPackage.get(year) ?? null;
  }

  function dayInfo(date: IsoDate): DayInfo {
    const weekend = isWeekend(date);
    const data = yearData(yearOf(date));
    if (data?.makeupWorkdays.has(date)) return { date, working: true, kind: 'makeup_workday', source: data.source };
    if (data?.holidays.has(date)) return { date, working: false, kind: 'holiday', source: data.source };
    return {
      date,
      working: !weekend,
      kind: weekend ? 'weekend' : 'workday',
      source: data ? data.source : 'weekend_rule',
    };
  }

  // Time-zone conversion is the costly step (Intl), and countdowns revisit the same days constantly.
  const intervals = new Map<IsoDate, readonly WorkingInterval[]>();
  function workingIntervals(date: IsoDate): readonly WorkingInterval[] {
    let cached = intervals.get(date);
    if (!cached) {
      cached = dayInfo(date).working
        ? workingHours.map((p) => ({
            start: zonedInstant(date, p.start, parsed.timeZone).getTime(),
            end: zonedInstant(date, p.end, parsed.timeZone).getTime(),
          }))
        : [];
      // A bound, so a long-running server cannot grow it forever; refilling is cheap.
      if (intervals.size >= INTERVAL_CACHE_DAYS) intervals.clear();
      intervals.set(date, cached);
    }
    return cached;
  }

  return {
    timeZone: parsed.timeZone,
    workingHours,
    usesPackageHolidays: parsed.usePackageHolidays,
    dayInfo,
    isWorkingDay: (date) => dayInfo(date).working,
    workingIntervals,
    yearSource: (year) => {
      if (loaded.has(year)) return 'loaded';
      return parsed.usePackageHolidays && packageCoversYear(year) ? 'package' : null;
    },
    loadedYears: () => [...loaded.keys()].sort((a, b) => a - b),
  };
}
