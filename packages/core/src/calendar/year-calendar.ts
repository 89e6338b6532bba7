import { z } from 'zod';
import { isIsoDate, yearOf } from './local-time.js';

/** Where a year's holidays came from: typed in / imported by an admin, or the chinese-days package. */
export const YEAR_CALENDAR_SOURCES = ['admin', 'chinese-days'] as const;
export type YearCalendarSource = (typeof YEAR_CALENDAR_SOURCES)[number];

const isoDate = z.string().refine(isIsoDate, { message: 'expected a real date as YYYY-MM-DD' });

/**
 * One year of the statutory calendar as data, so an admin can load next year's State Council
 * notice (国务院办公厅关于节假日安排的通知) before any package release carries it.
 * - `holidays`: days off (放假), including those that fall on a weekend;
 * - `makeupWorkdays`: weekend days that are working days (调休上班).
 * Any other day is a working day from Monday to Friday and a rest day on Saturday and Sunday.
 */
export const yearCalendarSchema = z
  .object({
    year: z.number().int().min(1949).max(2200),
    holidays: z.array(isoDate),
    makeupWorkdays: z.array(isoDate),
    source: z.enum(YEAR_CALENDAR_SOURCES),
    name: z.string().trim().min(1).max(200).optional(),
  })
  .superRefine((value, ctx) => {
    // A date filed under the wrong year would silently never apply, so reject it.
    for (const key of ['holidays', 'makeupWorkdays'] as const) {
      value[key].forEach((date, index) => {
        if (isIsoDate(date) && yearOf(date) !== value.year) {
          ctx.addIssue({ code: 'custom', path: [key, index], message: `${date} is not in ${value.year}` });
        }
      });
    }
    const holidays = new Set(value.holidays);
    value.makeupWorkdays.forEach((date, index) => {
      if (holidays.has(date)) {
        ctx.addIssue({ code: 'custom', path: ['makeupWorkdays', index], message: `${date} is also a holiday` });
      }
    });
  });
export type YearCalendar = z.infer<typeof yearCalendarSchema>;
