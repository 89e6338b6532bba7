import { zonedInstant } from '../calendar/local-time.js';
import { isVoicemail, type CallOutcome } from './causes.js';
import { parseCsv } from './csv.js';

export const CDR_DISPOSITIONS = ['ANSWERED', 'NO ANSWER', 'BUSY', 'FAILED', 'CONGESTION'] as const;
export type CdrDisposition = (typeof CDR_DISPOSITIONS)[number];

/** One row of Asterisk's cdr_csv Master.csv, as far as a call record needs it. */
export interface CdrRow {
  row: number;
  uniqueid: string;
  src: string;
  dst: string;
  clid: string;
  channel: string;
  dstchannel: string;
  lastapp: string;
  /** Local wall-clock times of the PBX, `YYYY-MM-DD HH:MM:SS`; answer is null when never answered. */
  start: string;
  answer: string | null;
  end: string;
  duration: number;
  billsec: number;
  disposition: CdrDisposition;
  userfield: string | null;
}

/**
 * Why a row was refused, as a stable code: the console translates the code (with its params),
 * API clients may read the English `reason` beside it.
 */
export const CDR_REJECT_CODES = [
  'column_count', 'unknown_disposition', 'no_uniqueid', 'uniqueid_too_long', 'bad_start', 'bad_end', 'bad_answer',
  'bad_seconds', 'billsec_exceeds_duration', 'ends_before_start', 'answered_without_answer',
] as const;
export type CdrRejectCode = (typeof CDR_REJECT_CODES)[number];

/** What a reason's message needs besides its code: the column counts, the disposition seen, the id limit. */
export interface CdrRejectParams {
  found?: number;
  min?: number;
  max?: number;
  value?: string;
}

export interface CdrReject {
  row: number;
  code: CdrRejectCode;
  /** English, for API clients and logs. */
  reason: string;
  params?: CdrRejectParams;
}

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
/** Asterisk's uniqueid: unix seconds, a dot, a sequence number (1733389200.42). */
const UNIQUEID = /^\d{9,}\.\d+$/;
const MAX_ID = 150;
const MIN_COLUMNS = 16;
const MAX_COLUMNS = 21;

/**
 * Where the uniqueid sits differs by configuration: column 17 with `loguniqueid`, after a peer
 * account code in some builds, followed by userfield, linkedid and sequence in others. The
 * first column from 17 on that looks like one is taken; failing that, column 17 as written.
 */
function findUniqueid(fields: readonly string[]): { value: string; index: number } | null {
  for (let i = 16; i < fields.length; i++) {
    if (UNIQUEID.test(fields[i] as string)) return { value: fields[i] as string, index: i };
  }
  const fallback = fields[16]?.trim();
  return fallback ? { value: fallback, index: 16 } : null;
}

function wholeSeconds(text: string): number | null {
  return /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null;
}

function reject(row: number, code: CdrRejectCode, reason: string, params?: CdrRejectParams): CdrReject {
  return params ? { row, code, reason, params } : { row, code, reason };
}

function readRow(row: number, f: readonly string[]): CdrRow | CdrReject {
  if (f.length < MIN_COLUMNS || f.length > MAX_COLUMNS) {
    return reject(row, 'column_count', `expected ${MIN_COLUMNS} to ${MAX_COLUMNS} columns, found ${f.length}`, { min: MIN_COLUMNS, max: MAX_COLUMNS, found: f.length });
  }
  const at = (i: number): string => (f[i] as string).trim();
  const disposition = at(14).toUpperCase() as CdrDisposition;
  if (!CDR_DISPOSITIONS.includes(disposition)) {
    const value = at(14).slice(0, 40);
    return reject(row, 'unknown_disposition', `unknown disposition "${value}"`, { value });
  }
  const id = findUniqueid(f);
  if (!id) return reject(row, 'no_uniqueid', 'no uniqueid (enable loguniqueid in cdr.conf): the row cannot be imported idempotently');
  if (id.value.length > MAX_ID) return reject(row, 'uniqueid_too_long', 'uniqueid too long', { max: MAX_ID });
  if (!LOCAL_TIME.test(at(9))) return reject(row, 'bad_start', 'start is not a time (YYYY-MM-DD HH:MM:SS)');
  if (!LOCAL_TIME.test(at(11))) return reject(row, 'bad_end', 'end is not a time (YYYY-MM-DD HH:MM:SS)');
  const answer = at(10);
  if (answer !== '' && !LOCAL_TIME.test(answer)) return reject(row, 'bad_answer', 'answer is neither empty nor a time');
  const duration = wholeSeconds(at(12));
  const billsec = wholeSeconds(at(13));
  if (duration === null || billsec === null) return reject(row, 'bad_seconds', 'duration and billsec must be whole seconds');
  if (billsec > duration) return reject(row, 'billsec_exceeds_duration', 'billsec exceeds duration');
  if (at(11) < at(9)) return reject(row, 'ends_before_start', 'the call ends before it starts');
  if (disposition === 'ANSWERED' && answer === '') return reject(row, 'answered_without_answer', 'ANSWERED without an answer time');
  const userfield = f[id.index + 1]?.trim();
  return {
    row, uniqueid: id.value, src: at(1), dst: at(2), clid: at(4), channel: at(5), dstchannel: at(6), lastapp: at(7),
    start: at(9), answer: answer === '' ? null : answer, end: at(11), duration, billsec, disposition,
    userfield: userfield && !UNIQUEID.test(userfield) ? userfield : null,
  };
}

/** Every row of a Master.csv (no header), read or rejected with its code and reason; row numbers are the file's lines. */
export function parseCdrCsv(text: string): { rows: CdrRow[]; rejected: CdrReject[] } {
  const rows: CdrRow[] = [];
  const rejected: CdrReject[] = [];
  for (const record of parseCsv(text)) {
    const read = readRow(record.line, record.fields);
    if ('reason' in read) rejected.push(read);
    else rows.push(read);
  }
  return { rows, rejected };
}

/** A PBX wall-clock time in the jurisdiction's zone as an ISO instant. */
export function cdrInstant(local: string, timeZone: string): string {
  const m = LOCAL_TIME.exec(local);
  if (!m) throw new Error(`not a CDR time: ${local}`);
  const [, date, h, min, s] = m as unknown as [string, string, string, string, string];
  const base = zonedInstant(date, Number(h) * 60 + Number(min), timeZone);
  return new Date(base.getTime() + Number(s) * 1000).toISOString();
}

/**
 * A CDR's outcome. ANSWERED by the VoiceMail application is voicemail; NO ANSWER, FAILED and
 * CONGESTION are missed (cdr_csv cannot tell a caller who gave up from a line nobody answered).
 */
export function cdrOutcome(row: Pick<CdrRow, 'disposition' | 'lastapp'>): CallOutcome {
  switch (row.disposition) {
    case 'ANSWERED':
      return isVoicemail(row.lastapp) ? 'voicemail' : 'answered';
    case 'BUSY':
      return 'busy';
    default:
      return 'missed';
  }
}
