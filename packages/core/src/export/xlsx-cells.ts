/**
 * The cell and row XML of an .xlsx worksheet (SpreadsheetML, ECMA-376), as pure strings so a
 * writer can send a sheet row by row and never hold it. Text is written as inline strings
 * (`t="inlineStr"`): a shared-strings table would have to be held whole until the end, which
 * is what a streamed export must not do.
 */
export type XlsxValue = string | number | null;

/** The cell formats the package's styles.xml declares, by their index in `cellXfs`. */
export const XLSX_STYLE = { plain: 0, header: 1, percent: 2 } as const;
export type XlsxStyle = keyof typeof XLSX_STYLE;

/** Excel refuses (or "repairs" away) a cell longer than this; a longer text is cut here. */
export const XLSX_MAX_CELL_CHARS = 32_767;

/** Column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA, 16383 → XFD. */
export function columnLetters(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`not a column index: ${index}`);
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Characters XML 1.0 does not allow at all (control characters other than tab, LF and CR,
 * lone surrogates, U+FFFE and U+FFFF): not even as character references. A file holding one
 * does not open, so they are dropped; citizens' texts pasted from other systems carry them.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };

/**
 * Text made safe inside XML content or a double-quoted attribute: illegal characters removed,
 * markup escaped. CR is written as a reference, as XML parsers would otherwise turn CRLF into LF.
 */
export function xmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"\r]/g, (c) => ESCAPES[c] ?? c);
}

/**
 * SpreadsheetML reads `_xHHHH_` inside a string as the character U+HHHH (ECMA-376 ST_Xstring),
 * so a citizen's literal "_x0041_" would show as "A". Its underscore is written as `_x005F_`.
 */
const XSTRING_ESCAPE = /_(?=x[0-9A-Fa-f]{4}_)/g;

/** The `<t>` content of a text cell: cut to Excel's limit, ST_Xstring- and XML-escaped. */
export function xlsxCellText(text: string): string {
  return xmlText(cutToCellLimit(text)).replace(XSTRING_ESCAPE, '_x005F_');
}

function cutToCellLimit(text: string): string {
  if (text.length <= XLSX_MAX_CELL_CHARS) return text;
  const cut = text.slice(0, XLSX_MAX_CELL_CHARS);
  // Never end on the first half of a surrogate pair (it would become a lone surrogate).
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * One cell. Numbers are number cells (a count sums in Excel), text is an inline string (never
 * a formula, whatever it starts with), null and non-finite numbers leave the cell out.
 */
export function xlsxCell(ref: string, value: XlsxValue, style: XlsxStyle = 'plain'): string {
  const s = style === 'plain' ? '' : ` s="${XLSX_STYLE[style]}"`;
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  if (value === null) return '';
  // Excel trims leading and trailing spaces and line breaks unless told to keep them.
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${xlsxCellText(value)}</t></is></c>`;
}

/** One row, 1-based as Excel counts; `styles[i]` is column i's format (plain where missing). */
export function xlsxRow(rowNumber: number, values: readonly XlsxValue[], styles: readonly XlsxStyle[] = []): string {
  let cells = '';
  for (let i = 0; i < values.length; i++) cells += xlsxCell(`${columnLetters(i)}${rowNumber}`, values[i] ?? null, styles[i]);
  return `<row r="${rowNumber}">${cells}</row>`;
}

/**
 * A worksheet up to its first row: the header row frozen (the pane below row 1 scrolls) and the
 * column widths in characters. Rows follow, then XLSX_SHEET_END.
 */
export function xlsxSheetStart(widths: readonly number[]): string {
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    '<sheetData>'
  );
}

export const XLSX_SHEET_END = '</sheetData></worksheet>';
