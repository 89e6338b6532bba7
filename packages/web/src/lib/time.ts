/**
 * Times are shown in the jurisdiction's zone, not the browser's: a case registered at 23:30 in
 * the city must read 23:30 for an official travelling abroad too, or deadlines get misread.
 */
export const CITY_TIME_ZONE = 'Asia/Shanghai';

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: CITY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2026-11-28 09:05"; the numeric form reads the same in Chinese and English. */
export function formatCityTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = formatter.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

const MONTH = /^(\d{4})-(\d{2})$/;

/**
 * A `YYYY-MM` month as the reader's language writes it: "2026年12月", "December 2026". The API's
 * month is already the city's, so it is formatted as a calendar month, not as an instant.
 */
export function formatMonth(month: string, language: string): string {
  const m = MONTH.exec(month);
  if (!m) return month;
  const first = Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(first);
}
