import type { IsoDate } from '../calendar/local-time.js';

/** A calendar month as published: `2026-03`. */
export type IsoMonth = string;

const MONTH = /^(\d{4})-(\d{2})$/;

/** True for `YYYY-MM` with a month 01–12 and a year from 2000 (no hotline data is older). */
export function isIsoMonth(value: string): boolean {
  const m = MONTH.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return year >= 2000 && year <= 9999 && month >= 1 && month <= 12;
}

/** The month `n` months after (negative: before) `month`. */
export function addMonths(month: IsoMonth, n: number): IsoMonth {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month a local day falls in. */
export function monthOf(day: IsoDate): IsoMonth {
  return day.slice(0, 7);
}

/** The `count` months ending with `month`, oldest first (a 12-month trend). */
export function monthsEnding(month: IsoMonth, count: number): IsoMonth[] {
  return Array.from({ length: count }, (_, i) => addMonths(month, i - count + 1));
}

/** The last month wholly in the past on local day `today`: what a directory shows by default. */
export function lastCompleteMonth(today: IsoDate): IsoMonth {
  return addMonths(monthOf(today), -1);
}
