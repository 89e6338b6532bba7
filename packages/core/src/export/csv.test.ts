import { describe, expect, it } from 'vitest';
import { csvField, csvRecord, neutraliseFormula } from './csv.js';
import { attachmentDisposition, localDateTime } from './download.js';

describe('CSV cells', () => {
  it('quotes only what needs it and doubles quotes (RFC 4180)', () => {
    expect(csvField('路灯不亮')).toBe('路灯不亮');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('他说"马上修"')).toBe('"他说""马上修"""');
    expect(csvField('一行\n两行')).toBe('"一行\n两行"');
    expect(csvField('x\r\ny')).toBe('"x\r\ny"');
  });

  it('writes empty for null, numbers as numbers', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0)).toBe('0');
    expect(csvField(0.25)).toBe('0.25');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('turns text a spreadsheet would run as a formula into text', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(neutraliseFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    }
    expect(csvField('=HYPERLINK("http://x","点我")')).toBe(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(csvField('-')).toBe("'-");
    expect(neutraliseFormula('1=1')).toBe('1=1');
    expect(neutraliseFormula(' =1')).toBe(' =1');
  });

  it('ends a record with CRLF', () => {
    expect(csvRecord(['编号', 2, null, 'a"b'])).toBe('编号,2,,"a""b"\r\n');
  });
});

describe('download names and dates', () => {
  it('gives a Chinese file name in filename* and an ASCII fallback', () => {
    expect(attachmentDisposition('工单导出 (2026).csv', 'cases.csv')).toBe(
      `attachment; filename="cases.csv"; filename*=UTF-8''%E5%B7%A5%E5%8D%95%E5%AF%BC%E5%87%BA%20%282026%29.csv`,
    );
    expect(attachmentDisposition('x', '报"表.xlsx')).toBe(`attachment; filename="___.xlsx"; filename*=UTF-8''x`);
  });

  it('shows an instant as local wall-clock time', () => {
    expect(localDateTime('2026-03-08T15:59:00.000Z', 'Asia/Shanghai')).toBe('2026-03-08 23:59');
    expect(localDateTime('2026-03-08T16:00:30.000Z', 'Asia/Shanghai')).toBe('2026-03-09 00:00');
  });

});
