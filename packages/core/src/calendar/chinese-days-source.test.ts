import { afterAll, describe, expect, it } from 'vitest';

// chinese-days' functions build their tables in the process's local zone, and west of UTC every
// date moves back a day (found by this test). Servers and browsers can run anywhere, so check the
// adapter in Los Angeles: it must read the package's JSON data, never depend on the local zone.
/* eslint-disable no-restricted-properties -- the test sets the process zone; it reads no configuration */
const originalZone = process.env.TZ;
process.env.TZ = 'America/Los_Angeles';
afterAll(() => {
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});
/* eslint-enable no-restricted-properties */

describe('chinese-days adapter in a zone west of UTC', () => {
  it('still reads the right days', async () => {
    expect(new Date(2026, 0, 1, 12).getTimezoneOffset()).toBeGreaterThan(0);
    // Imported after the zone is set, so nothing was cached in another zone.
    const { yearCalendarFromPackage } = await import('./chinese-days-source.js');
    const { createWorkingCalendar } = await import('./working-calendar.js');
    const year = yearCalendarFromPackage(2026);
    expect(year?.holidays.slice(0, 3)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(year?.makeupWorkdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    const calendar = createWorkingCalendar();
    expect(calendar.dayInfo('2026-02-23').kind).toBe('holiday');
    expect(calendar.dayInfo('2026-02-24').kind).toBe('workday');
  });
});
