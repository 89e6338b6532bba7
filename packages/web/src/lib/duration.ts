import type { TFunction } from 'i18next';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface DurationParts {
  d: number;
  h: number;
  m: number;
}

/**
 * Whole days, hours and minutes of a span, rounded up to the minute: "0 minutes left" while a
 * deadline has not passed would read as already overdue. Negative spans give their size.
 */
export function splitDuration(ms: number): DurationParts {
  const minutes = Math.ceil(Math.abs(ms) / MINUTE);
  const total = minutes * MINUTE;
  return { d: Math.floor(total / DAY), h: Math.floor((total % DAY) / HOUR), m: Math.floor((total % HOUR) / MINUTE) };
}

/** "2天3小时", "3小时5分", "12分钟": two units at most, which is what a countdown needs. */
export function formatDuration(t: TFunction, ms: number): string {
  const parts = splitDuration(ms);
  if (parts.d > 0) return t('duration.days', { ...parts });
  if (parts.h > 0) return t('duration.hours', { ...parts });
  return t('duration.minutes', { ...parts });
}
