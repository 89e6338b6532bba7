import { describe, expect, it } from 'vitest';
import { columnLetters, XLSX_MAX_CELL_CHARS, XLSX_SHEET_END, xlsxCell, xlsxCellText, xlsxRow, xlsxSheetStart, xmlText } from './xlsx-cells.js';
import { xlsxPackageParts, xlsxSheetNames, xlsxSheetPath } from './xlsx-package.js';

describe('xlsx cells', () => {
  it('names columns as Excel does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
    expect(() => columnLetters(-1)).toThrow(RangeError);
    expect(() => columnLetters(1.5)).toThrow(RangeError);
  });

  it('escapes markup and drops characters XML 1.0 forbids, keeping tabs, line breaks and astral characters', () => {
    expect(xmlText('a<b>&"c"')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
    expect(xmlText('一\u0000二\u0008三\u000B四\u001F五\uFFFE\uFFFF')).toBe('一二三四五');
    expect(xmlText('tab\there\nline')).toBe('tab\there\nline');
    expect(xmlText('x\r\ny')).toBe('x&#13;\ny');
    expect(xmlText('𠮷野家 😀')).toBe('𠮷野家 😀');
    expect(xmlText('lone \uD800 high, lone \uDC00 low')).toBe('lone  high, lone  low');
  });

  it('keeps a literal _xHHHH_ literal, and cuts text at Excel\'s cell limit without splitting a pair', () => {
    expect(xlsxCellText('code _x0041_ and _x12_ and x0041_')).toBe('code _x005F_x0041_ and _x12_ and x0041_');
    expect(xlsxCellText('a'.repeat(XLSX_MAX_CELL_CHARS + 10))).toHaveLength(XLSX_MAX_CELL_CHARS);
    const pairAtEdge = 'a'.repeat(XLSX_MAX_CELL_CHARS - 1) + '😀';
    expect(xlsxCellText(pairAtEdge)).toBe('a'.repeat(XLSX_MAX_CELL_CHARS - 1));
  });

  it('writes numbers as numbers, text as inline strings never formulas, and leaves out empty cells', () => {
    expect(xlsxCell('L2', 3)).toBe('<c r="L2"><v>3</v></c>');
    expect(xlsxCell('D2', 0.25, 'percent')).toBe('<c r="D2" s="2"><v>0.25</v></c>');
    expect(xlsxCell('A1', '单位', 'header')).toBe('<c r="A1" s="1" t="inlineStr"><is><t>单位</t></is></c>');
    expect(xlsxCell('G2', '=HYPERLINK("http://x","点我")')).toBe('<c r="G2" t="inlineStr"><is><t>=HYPERLINK(&quot;http://x&quot;,&quot;点我&quot;)</t></is></c>');
    expect(xlsxCell('B2', ' 前后有空格 ')).toBe('<c r="B2" t="inlineStr"><is><t xml:space="preserve"> 前后有空格 </t></is></c>');
    expect(xlsxCell('C2', null)).toBe('');
    expect(xlsxCell('C2', Number.NaN)).toBe('');
    expect(xlsxCell('C2', Number.POSITIVE_INFINITY)).toBe('');
  });

  it('numbers a row\'s cells from column A with each column\'s format', () => {
    expect(xlsxRow(7, ['市交通局', 1, null, 0.5], ['plain', 'plain', 'plain', 'percent'])).toBe(
      '<row r="7"><c r="A7" t="inlineStr"><is><t>市交通局</t></is></c><c r="B7"><v>1</v></c><c r="D7" s="2"><v>0.5</v></c></row>',
    );
    expect(xlsxRow(2, [])).toBe('<row r="2"></row>');
  });

  it('opens a sheet with the header pane frozen and the column widths, in schema order', () => {
    const start = xlsxSheetStart([12, 40]);
    expect(start).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(start).toContain('<cols><col min="1" max="1" width="12" customWidth="1"/><col min="2" max="2" width="40" customWidth="1"/></cols>');
    expect(start.indexOf('<sheetViews>')).toBeLessThan(start.indexOf('<cols>'));
    expect(start.endsWith('<sheetData>')).toBe(true);
    expect(XLSX_SHEET_END).toBe('</sheetData></worksheet>');
  });
});

describe('xlsx package', () => {
  it('makes sheet names Excel accepts', () => {
    expect(xlsxSheetNames(['工单', 'a/b[c]:d*e?f\\g', "'引号'", '', 'x'.repeat(40)])).toEqual(['工单', 'a b c  d e f g', '引号', 'Sheet4', 'x'.repeat(31)]);
    expect(xlsxSheetNames(['退单', '退单', 'Sheet', 'sheet'])).toEqual(['退单', '退单 (2)', 'Sheet', 'sheet (2)']);
    expect(xlsxSheetNames(['y'.repeat(31), 'y'.repeat(31)])[1]).toBe(`${'y'.repeat(27)} (2)`);
  });

  it('declares every sheet in the content types, the workbook and its relations, styles last', () => {
    const parts = xlsxPackageParts(['三率', '退单 & 仲裁']);
    expect(parts.map((p) => p.path)).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml']);
    const xml = (path: string): string => parts.find((p) => p.path === path)?.xml ?? '';
    for (const i of [0, 1]) {
      expect(xml('[Content_Types].xml')).toContain(`PartName="/${xlsxSheetPath(i)}"`);
      expect(xml('xl/_rels/workbook.xml.rels')).toContain(`Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"`);
    }
    expect(xml('xl/workbook.xml')).toContain('<sheet name="三率" sheetId="1" r:id="rId1"/><sheet name="退单 &amp; 仲裁" sheetId="2" r:id="rId2"/>');
    expect(xml('xl/_rels/workbook.xml.rels')).toContain('Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"');
    expect(xml('xl/styles.xml')).toContain('<numFmt numFmtId="164" formatCode="0.0%"/>');
    expect(xml('xl/styles.xml')).toMatch(/<cellXfs count="3">.*fontId="1".*numFmtId="164"/);
    for (const part of parts) expect(part.xml.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')).toBe(true);
  });
});
