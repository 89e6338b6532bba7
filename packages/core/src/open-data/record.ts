import { localDate, type IsoDate } from '../calendar/local-time.js';
import { csvRecord } from '../export/csv.js';

/**
 * One case as open data (docs/open-data.md): what kind of problem, where at district level,
 * who handled it, how fast and how it ended. Deliberately absent: text, the caller, the
 * address, the case number and tracking code, times of day (a date plus a time can single out a
 * call someone remembers). Durations are whole local days, so they add nothing the dates hide.
 */
export interface OpenDataRecord {
  /** Pseudonymous, per month: the same case has another id in another month's file. */
  recordId: string;
  month: string;
  receivedDate: IsoDate;
  category: string;
  channel: string;
  /** '' when the case never reached a unit, or when its place was suppressed. */
  unit: string;
  /** '' for a city-level unit, an undispatched case, or a suppressed cell. */
  district: string;
  status: string;
  dispatchedDate: IsoDate | null;
  closedDate: IsoDate | null;
  daysToDispatch: number | null;
  daysToFirstContact: number | null;
  daysToClose: number | null;
  /** Times the case was sent back by a unit it was dispatched to (退单). */
  returns: number;
  visitSolved: boolean | null;
  visitSatisfaction: string | null;
  /** True when district and unit were blanked by the small-cell rule. */
  placeSuppressed: boolean;
}

/** The columns in file order; the CSV header and the dictionary follow it. */
export const OPEN_DATA_FIELDS = [
  'recordId', 'month', 'receivedDate', 'category', 'channel', 'unit', 'district', 'status',
  'dispatchedDate', 'closedDate', 'daysToDispatch', 'daysToFirstContact', 'daysToClose',
  'returns', 'visitSolved', 'visitSatisfaction', 'placeSuppressed',
] as const satisfies readonly (keyof OpenDataRecord)[];

/** What the server knows of a case (no personal data is ever handed in). */
export interface OpenDataSource {
  recordId: string;
  month: string;
  createdAt: string;
  type: string;
  channel: string;
  status: string;
  unitName: string | null;
  district: string | null;
  dispatchedAt: string | null;
  contactedAt: string | null;
  closedAt: string | null;
  bounceCount: number;
  visitSolved: number | null;
  visitSatisfaction: string | null;
}

/** Whole local days from one instant's date to another's (0 on the same day). */
export function localDaysBetween(from: string, to: string, timeZone: string): number {
  const a = Date.parse(`${localDate(new Date(from), timeZone)}T00:00:00Z`);
  const b = Date.parse(`${localDate(new Date(to), timeZone)}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

export function toOpenDataRecord(source: OpenDataSource, options: { timeZone: string; suppressPlace: boolean }): OpenDataRecord {
  const { timeZone, suppressPlace } = options;
  const day = (at: string | null): IsoDate | null => (at ? localDate(new Date(at), timeZone) : null);
  const since = (at: string | null): number | null => (at ? localDaysBetween(source.createdAt, at, timeZone) : null);
  return {
    recordId: source.recordId,
    month: source.month,
    receivedDate: localDate(new Date(source.createdAt), timeZone),
    category: source.type,
    channel: source.channel,
    unit: suppressPlace ? '' : (source.unitName ?? ''),
    district: suppressPlace ? '' : (source.district ?? ''),
    status: source.status,
    dispatchedDate: day(source.dispatchedAt),
    closedDate: day(source.closedAt),
    daysToDispatch: since(source.dispatchedAt),
    daysToFirstContact: since(source.contactedAt),
    daysToClose: since(source.closedAt),
    returns: source.bounceCount,
    visitSolved: source.visitSolved === null ? null : source.visitSolved === 1,
    visitSatisfaction: source.visitSatisfaction,
    placeSuppressed: suppressPlace,
  };
}

/** One record as a CSV line; the quoting and formula rules are the exports' (export/csv.ts). */
export function csvLine(record: OpenDataRecord): string {
  return csvRecord(OPEN_DATA_FIELDS.map((f) => {
    const value = record[f];
    return typeof value === 'boolean' ? String(value) : value;
  }));
}
