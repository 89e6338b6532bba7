import { addDays, localDate } from '@openline/core';
import type { Period } from '../../api/stats';
import { isDateString } from '../../lib/dates';

/** The city's zone: a month is Beijing's month whatever the browser's zone is (see lib/time.ts). */
const CITY_ZONE = 'Asia/Shanghai';
/** The server's limit on a period (a leap year, `to` inclusive). */
const MAX_DAYS = 366;

export type PeriodPreset = 'thisMonth' | 'lastMonth' | 'custom';

export interface DashboardPeriod extends Period {
  preset: PeriodPreset;
}

/** This month so far (to today) and the whole of last month, in Beijing days. */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, now: Date): Period {
  const today = localDate(now, CITY_ZONE);
  const firstOfMonth = `${today.slice(0, 7)}-01`;
  if (preset === 'thisMonth') return { from: firstOfMonth, to: today };
  const lastOfPrevious = addDays(firstOfMonth, -1);
  return { from: `${lastOfPrevious.slice(0, 7)}-01`, to: lastOfPrevious };
}

/** The period in the URL (`?from=&to=`, or `?period=lastMonth`); this month when absent or invalid. */
export function readPeriod(params: URLSearchParams, now: Date): DashboardPeriod {
  const from = params.get('from');
  const to = params.get('to');
  if (isDateString(from) && isDateString(to) && from <= to && addDays(from, MAX_DAYS) > to) return { preset: 'custom', from, to };
  const preset = params.get('period') === 'lastMonth' ? 'lastMonth' : 'thisMonth';
  return { preset, ...presetPeriod(preset, now) };
}

export function writePeriod(period: { preset: PeriodPreset; from?: string; to?: string }): URLSearchParams {
  if (period.preset === 'custom' && period.from && period.to) return new URLSearchParams({ from: period.from, to: period.to });
  return new URLSearchParams(period.preset === 'lastMonth' ? { period: 'lastMonth' } : {});
}

/** Days for up to two months, weeks up to half a year, months beyond: a readable number of points. */
export function trendGrain(period: Period): 'day' | 'week' | 'month' {
  if (addDays(period.from, 62) > period.to) return 'day';
  if (addDays(period.from, 190) > period.to) return 'week';
  return 'month';
}

/** A trend bucket's own days within the period (a week may start before it, a month end after). */
export function bucketDays(key: string, grain: 'day' | 'week' | 'month', period: Period): Period {
  let from = key;
  let to = key;
  if (grain === 'week') to = addDays(key, 6);
  if (grain === 'month') {
    from = `${key}-01`;
    const [year = 0, month = 0] = key.split('-').map(Number);
    const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
    to = addDays(next, -1);
  }
  return { from: from < period.from ? period.from : from, to: to > period.to ? period.to : to };
}
