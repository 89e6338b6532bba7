import type { TFunction } from 'i18next';
import { WEEKDAYS, type ServiceHours, type Weekday } from '../api/lines';

export interface HoursRow {
  /** "周一至周五", "周六、周日", "每天". */
  days: string;
  /** "08:00–22:00、14:00–18:00", "全天", or "不接听". */
  spans: string;
  closed: boolean;
}

function spansKey(hours: ServiceHours, day: Weekday): string {
  return JSON.stringify(hours.weekly[day] ?? []);
}

/**
 * A week of opening hours in a few lines a citizen can read at a glance: consecutive days with
 * the same hours share a line ("周一至周五 08:00–22:00"), and a week the same every day is
 * "每天". Days not listed are closed.
 */
export function describeWeek(t: TFunction, hours: ServiceHours): HoursRow[] {
  const runs: { days: Weekday[]; key: string }[] = [];
  for (const day of WEEKDAYS) {
    const key = spansKey(hours, day);
    const last = runs.at(-1);
    if (last && last.key === key) last.days.push(day);
    else runs.push({ days: [day], key });
  }
  // "Every day All day" reads as two labels jammed together; a round-the-clock line is one phrase.
  const only = runs.length === 1 ? hours.weekly.mon : undefined;
  if (only && isRoundTheClock(only)) return [{ days: t('lines.roundTheClock'), spans: '', closed: false }];
  return runs.map(({ days }) => {
    const spans = hours.weekly[days[0] ?? 'mon'] ?? [];
    return { days: describeDays(t, days), spans: describeSpans(t, spans), closed: spans.length === 0 };
  });
}

function describeDays(t: TFunction, days: Weekday[]): string {
  if (days.length === WEEKDAYS.length) return t('lines.everyDay');
  const first = days[0];
  const last = days.at(-1);
  if (!first || !last) return '';
  if (days.length >= 3) return t('lines.dayRange', { from: t(`weekday.${first}`), to: t(`weekday.${last}`) });
  return days.map((day) => t(`weekday.${day}`)).join(t('lines.listSeparator'));
}

function describeSpans(t: TFunction, spans: [string, string][]): string {
  if (spans.length === 0) return t('lines.closed');
  if (isRoundTheClock(spans)) return t('lines.allDay');
  return spans.map(([start, end]) => t('lines.span', { start, end })).join(t('lines.listSeparator'));
}

function isRoundTheClock(spans: [string, string][]): boolean {
  return spans.length === 1 && spans[0]?.[0] === '00:00' && spans[0][1] === '24:00';
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** A span the server will accept: HH:MM, 24:00 only as an end, and the start before the end. */
export function isValidSpan(start: string, end: string): boolean {
  return TIME.test(start) && TIME.test(end) && start !== '24:00' && start < end;
}

/** Every span of every day is valid. */
export function isValidWeek(hours: ServiceHours): boolean {
  return WEEKDAYS.every((day) => (hours.weekly[day] ?? []).every(([start, end]) => isValidSpan(start, end)));
}
