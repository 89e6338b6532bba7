import { xmlText } from './xlsx-cells.js';

/**
 * The fixed parts of a minimal .xlsx package (ECMA-376 Part 1 and OPC): everything but the
 * worksheets, which a writer streams as `xl/worksheets/sheetN.xml` (N from 1, in sheet order).
 * No shared strings (cells are inline strings), no document properties: Excel and LibreOffice
 * need neither.
 */
export interface XlsxPart {
  path: string;
  xml: string;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The worksheet part of the 0-based sheet index. */
export function xlsxSheetPath(index: number): string {
  return `xl/worksheets/sheet${index + 1}.xml`;
}

const SHEET_NAME_MAX = 31;

/**
 * Sheet names as Excel accepts them: none of `[ ] : * ? / \`, no apostrophe at either end, at
 * most 31 characters, not empty, unique regardless of case (a clash gets " (2)", " (3)", …).
 */
export function xlsxSheetNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name, i) => {
    const clean = name.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim() || `Sheet${i + 1}`;
    let unique = clean.slice(0, SHEET_NAME_MAX);
    for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${clean.slice(0, SHEET_NAME_MAX - ` (${n})`.length)} (${n})`;
    taken.add(unique.toLowerCase());
    return unique;
  });
}

/** `[Content_Types].xml`, the package relations, the workbook, its relations and the styles. */
export function xlsxPackageParts(sheetNames: readonly string[]): XlsxPart[] {
  const names = xlsxSheetNames(sheetNames);
  const sheetTypes = names
    .map((_, i) => `<Override PartName="/${xlsxSheetPath(i)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('');
  const contentTypes =
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
    `${sheetTypes}</Types>`;
  const rootRels =
    `<Relationships xmlns="${PKG_REL_NS}">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  // Sheets are rId1..rIdN; the styles come after them.
  const sheets = names.map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const workbook = `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>${sheets}</sheets></workbook>`;
  const workbookRels =
    `<Relationships xmlns="${PKG_REL_NS}">` +
    names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `<Relationship Id="rId${names.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`;
  return [
    { path: '[Content_Types].xml', xml: XML_HEAD + contentTypes },
    { path: '_rels/.rels', xml: XML_HEAD + rootRels },
    { path: 'xl/workbook.xml', xml: XML_HEAD + workbook },
    { path: 'xl/_rels/workbook.xml.rels', xml: XML_HEAD + workbookRels },
    { path: 'xl/styles.xml', xml: XML_HEAD + STYLES },
  ];
}

/**
 * Cell formats in the order of XLSX_STYLE: 0 plain, 1 bold (the header row), 2 a rate as a
 * percentage with one decimal (custom format 164, the first id free for custom formats). The
 * two fills are the ones Excel requires to be there.
 */
const STYLES =
  `<styleSheet xmlns="${MAIN_NS}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';
