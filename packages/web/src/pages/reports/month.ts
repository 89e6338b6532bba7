/** Months as the reports' URLs carry them (?month=2026-03), in Beijing's calendar. */

const MONTH = /^(19|20)\d\d-(0[1-9]|1[0-2])$/;

export function isMonth(value: string | null | undefined): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/** The month in Beijing at `now` (a report defaults to it). */
export function cityMonth(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

/** A rate in [0, 1] as "87.5%"; "—" when there was nothing to divide by. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** Minutes as "45 分" / "3.5 小时" style text is left to i18n; this picks the unit. */
export function waitParts(minutes: number | null): { value: string; unit: 'minutes' | 'hours' | 'days' } | null {
  if (minutes === null) return null;
  if (minutes < 120) return { value: String(Math.round(minutes)), unit: 'minutes' };
  if (minutes < 48 * 60) return { value: (minutes / 60).toFixed(1), unit: 'hours' };
  return { value: (minutes / 1440).toFixed(1), unit: 'days' };
}
