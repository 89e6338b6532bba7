import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceHours } from '../api/lines';
import { chineseT } from '../i18n/test-instance';
import { describeWeek, isValidSpan } from './serviceHours';

const day: [string, string][] = [['08:00', '22:00']];

describe('describeWeek', () => {
  let t: TFunction;
  beforeAll(async () => {
    t = await chineseT();
  });

  it('says "24 hours, every day" in one phrase for a round-the-clock line', () => {
    const allDay: [string, string][] = [['00:00', '24:00']];
    const hours: ServiceHours = {
      weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
      onHolidays: 'open',
    };
    expect(describeWeek(t, hours)).toEqual([{ days: '每天 24 小时', spans: '', closed: false }]);
  });

  it('groups working days and lists a closed weekend', () => {
    const hours: ServiceHours = { weekly: { mon: day, tue: day, wed: day, thu: day, fri: day }, onHolidays: 'closed' };
    expect(describeWeek(t, hours)).toEqual([
      { days: '周一至周五', spans: '08:00–22:00', closed: false },
      { days: '周六、周日', spans: '不接听', closed: true },
    ]);
  });

  it('lists split hours', () => {
    const split: [string, string][] = [['08:30', '12:00'], ['14:00', '17:30']];
    const hours: ServiceHours = { weekly: { mon: split, sun: day }, onHolidays: 'as_weekend' };
    expect(describeWeek(t, hours)[0]).toEqual({ days: '周一', spans: '08:30–12:00、14:00–17:30', closed: false });
  });
});

describe('isValidSpan', () => {
  it('accepts HH:MM spans in order, with 24:00 as the end of the day', () => {
    expect(isValidSpan('08:00', '22:00')).toBe(true);
    expect(isValidSpan('00:00', '24:00')).toBe(true);
  });

  it('refuses reversed, empty or malformed spans', () => {
    expect(isValidSpan('22:00', '08:00')).toBe(false);
    expect(isValidSpan('08:00', '08:00')).toBe(false);
    expect(isValidSpan('8:00', '22:00')).toBe(false);
    expect(isValidSpan('24:00', '24:00')).toBe(false);
    expect(isValidSpan('08:00', '25:00')).toBe(false);
  });
});
