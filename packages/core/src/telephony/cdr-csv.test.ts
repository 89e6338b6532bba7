import { describe, expect, it } from 'vitest';
import { cdrInstant, cdrOutcome, parseCdrCsv } from './cdr-csv.js';
import { parseCsv } from './csv.js';

// Rows as Asterisk's cdr_csv writes them: every text field quoted, numbers bare, no header.
const ANSWERED = '"","13812345678","88001234","from-pstn","""Zhang, San"" <13812345678>","PJSIP/trunk-00000001","PJSIP/201-00000002","Dial","PJSIP/201,30","2026-12-05 09:00:00","2026-12-05 09:00:08","2026-12-05 09:02:08",128,120,"ANSWERED","DOCUMENTATION","1733389200.1",""';
const NO_ANSWER = '"","13912345678","88001234","from-pstn","""13912345678"" <13912345678>","PJSIP/trunk-00000003","PJSIP/201-00000004","Dial","PJSIP/201,30","2026-12-05 09:05:00","","2026-12-05 09:05:30",30,0,"NO ANSWER","DOCUMENTATION","1733389500.3","queue-a"';
const BUSY_21 = '"acct","13712345678","88001234","from-pstn","","PJSIP/trunk-5","","Dial","PJSIP/202","2026-12-05 10:00:00","","2026-12-05 10:00:02",2,0,"BUSY","DOCUMENTATION","","1733393000.9","","1733393000.9","7"';
const VOICEMAIL = '"","13612345678","88001234","from-pstn","","PJSIP/trunk-6","","VoiceMail","201@default","2026-12-05 11:00:00","2026-12-05 11:00:20","2026-12-05 11:01:00",60,40,"ANSWERED","DOCUMENTATION","1733396400.11"';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, LF or CRLF', () => {
    const records = parseCsv('"a,b","say ""hi""",3\r\n"multi\nline",x\n\n"last"');
    expect(records).toEqual([
      { line: 1, fields: ['a,b', 'say "hi"', '3'] },
      { line: 2, fields: ['multi\nline', 'x'] },
      { line: 5, fields: ['last'] },
    ]);
  });
});

describe('parseCdrCsv', () => {
  it('reads answered, unanswered, busy (21 columns) and voicemail rows', () => {
    const { rows, rejected } = parseCdrCsv([ANSWERED, NO_ANSWER, BUSY_21, VOICEMAIL].join('\n'));
    expect(rejected).toEqual([]);
    expect(rows.map((r) => [r.row, r.uniqueid, cdrOutcome(r)])).toEqual([
      [1, '1733389200.1', 'answered'],
      [2, '1733389500.3', 'missed'],
      [3, '1733393000.9', 'busy'],
      [4, '1733396400.11', 'voicemail'],
    ]);
    expect(rows[0]).toMatchObject({ clid: '"Zhang, San" <13812345678>', src: '13812345678', dst: '88001234', answer: '2026-12-05 09:00:08', duration: 128, billsec: 120 });
    expect(rows[1]).toMatchObject({ answer: null, userfield: 'queue-a' });
  });
  it('rejects rows it cannot trust, each with its line, a stable code and an English reason', () => {
    const bad = [
      '"only","three","columns"',
      ANSWERED.replace('"ANSWERED"', '"MAYBE"'),
      ANSWERED.replace(',"1733389200.1",""', ''),
      ANSWERED.replace('"2026-12-05 09:00:00"', '"yesterday"'),
      ANSWERED.replace(',128,120,', ',10,120,'),
      ANSWERED.replace('"2026-12-05 09:00:08"', '""'),
    ];
    const { rows, rejected } = parseCdrCsv(bad.join('\n'));
    expect(rows).toEqual([]);
    expect(rejected.map((r) => [r.row, r.code])).toEqual([
      [1, 'column_count'], [2, 'unknown_disposition'], [3, 'no_uniqueid'], [4, 'bad_start'], [5, 'billsec_exceeds_duration'], [6, 'answered_without_answer'],
    ]);
    // The parameters a translated message needs travel with the code.
    expect(rejected[0]).toMatchObject({ params: { min: 16, max: 21, found: 3 } });
    expect(rejected[1]).toMatchObject({ params: { value: 'MAYBE' } });
    expect(rejected[2]?.params).toBeUndefined();
    // The English reasons API clients read are unchanged.
    expect(rejected[0]?.reason).toBe('expected 16 to 21 columns, found 3');
    expect(rejected[1]?.reason).toMatch(/disposition "MAYBE"/);
    expect(rejected[2]?.reason).toMatch(/uniqueid/);
    expect(rejected[3]?.reason).toMatch(/start/);
    expect(rejected[4]?.reason).toMatch(/billsec/);
    expect(rejected[5]?.reason).toMatch(/ANSWERED without/);
  });
  it('gives every other refusal its own code', () => {
    const bad = [
      ANSWERED.replace('"1733389200.1"', `"${'9'.repeat(151)}"`),
      ANSWERED.replace('"2026-12-05 09:02:08"', '"soon"'),
      ANSWERED.replace('"2026-12-05 09:00:08"', '"later"'),
      ANSWERED.replace(',128,120,', ',1.5,120,'),
      ANSWERED.replace('"2026-12-05 09:02:08"', '"2026-12-05 08:00:00"'),
    ];
    const { rejected } = parseCdrCsv(bad.join('\n'));
    expect(rejected.map((r) => r.code)).toEqual(['uniqueid_too_long', 'bad_end', 'bad_answer', 'bad_seconds', 'ends_before_start']);
    expect(rejected[0]?.params).toEqual({ max: 150 });
  });
  it('reads PBX wall-clock time in the jurisdiction zone', () => {
    expect(cdrInstant('2026-12-05 09:00:08', 'Asia/Shanghai')).toBe('2026-12-05T01:00:08.000Z');
  });
});
