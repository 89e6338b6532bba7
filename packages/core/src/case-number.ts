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

/**
 * The case numbers a typed prefix (digits and hyphens) covers, as a range of the number's bytes:
 * `from` ≤ number < `below` (null: no upper end, the prefix was all nines). A range, not LIKE, so
 * both databases read it off the (jurisdiction, case_number) index in byte order (ADR 0051).
 */
export function caseNumberPrefixRange(prefix: string): { from: string; below: string | null } {
  return { from: prefix, below: nextPrefix(prefix) };
}

/** The smallest string above every string starting with `prefix`, in byte order. */
function nextPrefix(prefix: string): string | null {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const code = prefix.charCodeAt(i);
    if (code < 0x7e) return prefix.slice(0, i) + String.fromCharCode(code + 1);
  }
  return null;
}

/**
 * The local days a case-number prefix can fall on, as YYYY-MM-DD bounds [from, below), widened to
 * whole months or years where the prefix stops short of the day (below null: no end); null when it names no year. A
 * number is made from the local day of the case's created_at (open-case.ts), so the list can read
 * only those days' cases newest first instead of walking back from today to, say, 2024.
 */
export function caseNumberPrefixDays(prefix: string): { from: string; below: string | null } | null {
  const digits = prefix.split('-')[0] ?? '';
  if (!/^\d{4,8}$/.test(digits)) return null;
  const low = digits.padEnd(8, '0');
  const high = nextDigits(digits);
  return { from: dayOf(low), below: high === null ? null : dayOf(high.padEnd(8, '0')) };
}

/** The digit string one above `digits` at its last place (2024 → 2025, 202412 → 202413), null past 9…9. */
function nextDigits(digits: string): string | null {
  const n = BigInt(digits) + 1n;
  const s = n.toString().padStart(digits.length, '0');
  return s.length > digits.length ? null : s;
}

/** YYYYMMDD (month or day 00 meaning the first; month 13 the next January) as a real date, YYYY-MM-DD. */
function dayOf(yyyymmdd: string): string {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Math.max(1, Number(yyyymmdd.slice(4, 6)));
  const d = Math.max(1, Number(yyyymmdd.slice(6, 8)));
  // Date.UTC rolls month 13 into the next year and day 32 into the next month: still an upper bound.
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}
