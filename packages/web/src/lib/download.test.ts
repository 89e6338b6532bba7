import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from './download';

describe('fileNameFromDisposition', () => {
  it('prefers the UTF-8 name of filename*', () => {
    const header = `attachment; filename="cases_20261205-0930.csv"; filename*=UTF-8''%E5%B7%A5%E5%8D%95%E5%AF%BC%E5%87%BA_20261205-0930.csv`;
    expect(fileNameFromDisposition(header)).toBe('工单导出_20261205-0930.csv');
  });
  it('falls back to filename, quoted or not', () => {
    expect(fileNameFromDisposition('attachment; filename="report_2026-03.xlsx"')).toBe('report_2026-03.xlsx');
    expect(fileNameFromDisposition('attachment; filename=a.csv')).toBe('a.csv');
    expect(fileNameFromDisposition(`attachment; filename="a.csv"; filename*=UTF-8''%E5%ZZ`)).toBe('a.csv');
  });
  it('answers null without a header or a name', () => {
    expect(fileNameFromDisposition(null)).toBeNull();
    expect(fileNameFromDisposition('inline')).toBeNull();
  });
});
