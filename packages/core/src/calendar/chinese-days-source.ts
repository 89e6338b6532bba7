// The holiday data of the chinese-days package, read from the JSON file it ships and documents
// (dist/chinese-days.json: every date it lists as 放假 or 调休上班, 2004 onwards). Not its functions:
// they build their tables with the process's local time zone and shift every date back a day west
// of UTC (a server or browser in America, say). The JSON is generated from the same source.
import packageData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { z } from 'zod';
import { isIsoDate, type IsoDate } from './local-time.js';
import type { YearCalendar } from './year-calendar.js';

// Checked once, so a reshaped file in a future release fails loudly instead of giving wrong days.
const packageFile = z.object({
  holidays: z.record(z.string().refine(isIsoDate), z.string()),
  workdays: z.record(z.string().refine(isIsoDate), z.string()),
});

interface PackageYear {
  holidays: IsoDate[];
  makeupWorkdays: IsoDate[];
}

let byYear: Map<number, PackageYear> | undefined;

function packageYearsData(): Map<number, PackageYear> {
  if (!byYear) {
    const file = packageFile.parse(packageData);
    const years = new Map<number, PackageYear>();
    const entry = (date: IsoDate): PackageYear => {
      const year = Number(date.slice(0, 4));
      let found = years.get(year);
      if (!found) years.set(year, (found = { holidays: [], makeupWorkdays: [] }));
      return found;
    };
    for (const date of Object.keys(file.holidays).sort()) entry(date).holidays.push(date);
    for (const date of Object.keys(file.workdays).sort()) entry(date).makeupWorkdays.push(date);
    byYear = years;
  }
  return byYear;
}

/**
 * Whether the package carries `year`'s notice. National Day (1 October) is listed every year and
 * belongs to that year's own notice, unlike 1 January, which an earlier notice's New Year break
 * can spill into, so a year with only stray dates is not mistaken for a covered one.
 */
export function packageCoversYear(year: number): boolean {
  return packageYearsData().get(year)?.holidays.includes(`${year}-10-01`) ?? false;
}

/** The years whose statutory calendar the installed chinese-days release carries, ascending. */
export function packageYears(): number[] {
  return [...packageYearsData().keys()].filter(packageCoversYear).sort((a, b) => a - b);
}

/**
 * A year from the package as a `YearCalendar`, so admins can see and export exactly what applies,
 * edit it (say, a local holiday) and load it back. `null` when the package does not cover the year.
 */
export function yearCalendarFromPackage(year: number): YearCalendar | null {
  const data = packageYearsData().get(year);
  if (!data || !packageCoversYear(year)) return null;
  // Fresh arrays: callers may edit the result to load it back as admin data.
  return {
    year,
    holidays: [...data.holidays],
    makeupWorkdays: [...data.makeupWorkdays],
    source: 'chinese-days',
    name: `${year} statutory holidays (chinese-days)`,
  };
}
