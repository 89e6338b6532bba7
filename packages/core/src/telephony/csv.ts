/** One record of a CSV file and the line it starts on (1-based), for a report per row. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * RFC 4180 records as Asterisk writes them: fields quoted or bare, `""` for a quote inside a
 * quoted field, commas and line breaks allowed inside quotes, LF or CRLF between records.
 * Blank lines are skipped. An unterminated quote ends the field at the end of the text (the row
 * is then likely to have the wrong number of columns and is rejected there, not here).
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let sawAny = false;
  let line = 1;
  let startLine = 1;
  const endRecord = (): void => {
    if (sawAny || field.length > 0 || fields.length > 0) {
      fields.push(field);
      records.push({ line: startLine, fields });
    }
    fields = [];
    field = '';
    sawAny = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      sawAny = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      sawAny = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      startLine = line;
    } else {
      field += ch;
      sawAny = true;
    }
  }
  endRecord();
  return records;
}
