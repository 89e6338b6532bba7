/**
 * Human-friendly case numbers: YYYYMMDD-NNNNNN, unique per jurisdiction and local day. The
 * day is the jurisdiction's local calendar day, so a call at 01:00 Beijing time counts on the
 * day the operator sees, not on the UTC day.
 */
// One formatter per time zone: building one costs ~50 µs, and intake numbers every case.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

export function localDay(at: Date, timeZone: string): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}`;
}

export function formatCaseNumber(day: string, sequence: number): string {
  if (!/^\d{8}$/.test(day)) throw new RangeError(`day must be YYYYMMDD, got ${day}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError('sequence must be a positive integer');
  // Six digits cover Beijing's ~70k a day; larger days simply grow wider and stay unique.
  return `${day}-${String(sequence).padStart(6, '0')}`;
}

export function isCaseNumber(value: string): boolean {
  return /^\d{8}-\d{6,}$/.test(value);
}
