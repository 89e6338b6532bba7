import { addDays, isIsoDate } from '@openline/core';
import { AppError } from '../../errors.js';

/** A period may span at most this many local days (a leap year, `to` inclusive). */
export const MAX_PERIOD_DAYS = 366;

/**
 * Local days [from, to], both real calendar dates, in order, at most MAX_PERIOD_DAYS apart;
 * otherwise `400 INVALID_PERIOD` naming the parameters as the caller spelt them.
 */
export function assertPeriod(from: string, to: string, names = { from: 'from', to: 'to' }): void {
  const problems: Array<{ path: string; message: string }> = [];
  if (!isIsoDate(from)) problems.push({ path: names.from, message: 'not a calendar date' });
  if (!isIsoDate(to)) problems.push({ path: names.to, message: 'not a calendar date' });
  if (problems.length === 0 && from > to) problems.push({ path: names.to, message: 'before from' });
  if (problems.length === 0 && addDays(from, MAX_PERIOD_DAYS) <= to) problems.push({ path: names.to, message: `more than ${MAX_PERIOD_DAYS} days after from` });
  if (problems.length > 0) throw new AppError('INVALID_PERIOD', 'The period is not valid', problems);
}
