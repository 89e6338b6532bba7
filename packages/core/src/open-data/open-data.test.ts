import { describe, expect, it } from 'vitest';
import { addMonths, isIsoMonth, lastCompleteMonth, monthsEnding } from './month.js';
import { districtsByUnit } from './places.js';
import { csvLine, localDaysBetween, OPEN_DATA_FIELDS, toOpenDataRecord, type OpenDataSource } from './record.js';
import { cellKey, suppressedCells } from './suppression.js';

describe('months', () => {
  it('accepts YYYY-MM only with a real month', () => {
    expect(['2026-03', '2026-12', '2000-01'].every(isIsoMonth)).toBe(true);
    expect(['2026-13', '2026-00', '2026-3', '26-03', '2026-03-01', '', '1999-12', 'abcd-ef'].some(isIsoMonth)).toBe(false);
  });
  it('counts months across year ends', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(monthsEnding('2026-03', 12)).toEqual([
      '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03',
    ]);
    expect(lastCompleteMonth('2026-01-15')).toBe('2025-12');
  });
});

describe('districts', () => {
  it('takes the nearest district ancestor, none for city-level units', () => {
    const d = districtsByUnit([
      { id: 'city', parentId: null, kind: 'city', name: '市政府' },
      { id: 'dept', parentId: 'city', kind: 'department', name: '市住建局' },
      { id: 'd1', parentId: 'city', kind: 'district', name: '东城区' },
      { id: 'st', parentId: 'd1', kind: 'street', name: '和平街道' },
      { id: 'team', parentId: 'st', kind: 'department', name: '城管队' },
    ]);
    expect([d.get('city'), d.get('dept'), d.get('d1'), d.get('st'), d.get('team')]).toEqual([null, null, '东城区', '东城区', '东城区']);
  });
});

describe('small-cell suppression (k = 5)', () => {
  it('blanks cells under k and leaves the rest', () => {
    const s = suppressedCells([
      { district: '东城区', category: 'complaint', count: 12 },
      { district: '西城区', category: 'complaint', count: 9 },
      { district: '东城区', category: 'help', count: 5 },
      { district: '', category: 'praise', count: 1 },
    ]);
    expect(s.size).toBe(0);
  });
  it('blanks a small cell and, while the pool is under k, the next smallest of the category', () => {
    const s = suppressedCells([
      { district: '东城区', category: 'complaint', count: 12 },
      { district: '西城区', category: 'complaint', count: 7 },
      { district: '南区', category: 'complaint', count: 2 },
      { district: '北区', category: 'report', count: 3 },
      { district: '南区', category: 'report', count: 4 },
      { district: '东城区', category: 'report', count: 30 },
    ]);
    // complaint: 南区 (2) alone is a pool of 2 < 5, so 西城区 (7) goes too: pool 9. 东城区 stays.
    // report: 北区 3 + 南区 4 = 7 ≥ 5, no complement needed.
    expect([...s].sort()).toEqual([cellKey('北区', 'report'), cellKey('南区', 'complaint'), cellKey('南区', 'report'), cellKey('西城区', 'complaint')].sort());
  });
  it('a lone small cell is blanked without a complement to take', () => {
    expect([...suppressedCells([{ district: '东城区', category: 'help', count: 1 }])]).toEqual([cellKey('东城区', 'help')]);
  });
  it('honours another k', () => {
    expect(suppressedCells([{ district: '东城区', category: 'help', count: 9 }], 10).size).toBe(1);
  });
});

describe('records', () => {
  const source: OpenDataSource = {
    recordId: 'r1', month: '2026-03', createdAt: '2026-03-02T15:30:00.000Z', type: 'complaint', channel: 'phone',
    status: 'closed', unitName: '和平街道', district: '东城区', dispatchedAt: '2026-03-02T16:10:00.000Z',
    contactedAt: '2026-03-04T01:00:00.000Z', closedAt: '2026-03-10T02:00:00.000Z', bounceCount: 1, visitSolved: 1, visitSatisfaction: 'satisfied',
  };
  it('keeps days only, in local time, and whole-day durations', () => {
    // 15:30Z is 23:30 on 3-02 in Beijing; 16:10Z is already 3-03 there.
    const r = toOpenDataRecord(source, { timeZone: 'Asia/Shanghai', suppressPlace: false });
    expect(r).toMatchObject({ receivedDate: '2026-03-02', dispatchedDate: '2026-03-03', closedDate: '2026-03-10', daysToDispatch: 1, daysToFirstContact: 2, daysToClose: 8, visitSolved: true, unit: '和平街道', district: '东城区', placeSuppressed: false });
    expect(localDaysBetween('2026-03-02T00:00:00Z', '2026-03-02T09:00:00Z', 'UTC')).toBe(0);
  });
  it('blanks unit and district when the place is suppressed; nulls stay null', () => {
    const r = toOpenDataRecord({ ...source, dispatchedAt: null, contactedAt: null, closedAt: null, visitSolved: null, visitSatisfaction: null }, { timeZone: 'Asia/Shanghai', suppressPlace: true });
    expect(r).toMatchObject({ unit: '', district: '', dispatchedDate: null, daysToDispatch: null, visitSolved: null, placeSuppressed: true });
  });
  it('writes RFC 4180 CSV that spreadsheets will not run as formulas', () => {
    const line = csvLine(toOpenDataRecord(source, { timeZone: 'Asia/Shanghai', suppressPlace: false }));
    expect(line.endsWith('\r\n')).toBe(true);
    expect(line.split(',').length).toBe(OPEN_DATA_FIELDS.length);
  });
});
