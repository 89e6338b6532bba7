import dayjs, { type Dayjs } from 'dayjs';
// antd's pickers format month and weekday names through dayjs, which knows only English until a
// locale is registered; antd's zh_CN locale then selects it. Only pages with a date picker load this.
import 'dayjs/locale/zh-cn';

/*
 * Calendar dates ("2026-11-28") for filters, in the city's zone: a day is Beijing's day whatever
 * the browser's zone is (see time.ts). dayjs is what antd's date pickers speak.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDateString(value: string | null | undefined): value is string {
  return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** The instant a Beijing day starts, as the API's ISO `from`. */
export function cityDayStart(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

/** The instant after a Beijing day ends, as the API's exclusive ISO `to`. */
export function cityDayEnd(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + 24 * 3600 * 1000).toISOString();
}

export function toPickerValue(date: string | null | undefined): Dayjs | null {
  return isDateString(date) ? dayjs(date) : null;
}

export function fromPickerValue(value: Dayjs | null | undefined): string | null {
  return value ? value.format('YYYY-MM-DD') : null;
}
