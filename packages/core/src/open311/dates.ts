/**
 * GeoReport v2 dates are W3C date-times (`2010-01-01T00:00:00Z`, `2010-01-01T08:00:00+08:00`).
 * Clients build query strings by hand, so a `+` offset often arrives decoded as a space
 * (`…T08:00:00 08:00`); that is read as the `+` it was. A bare date is midnight UTC. Anything
 * else is null, and the caller answers 400.
 */
const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

export function parseW3cDateTime(raw: string): Date | null {
  const text = raw.trim().replace(/ (\d{2}:?\d{2})$/, '+$1');
  const m = W3C.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  if (h !== undefined && zone === undefined) return null;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) return null;
  const offset = zone === undefined || zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const iso = `${y}-${mo}-${d}T${h ?? '00'}:${mi ?? '00'}:${s ?? '00'}${offset}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  // 2026-02-31 rolls over in Date; the calendar day must survive the round trip.
  const utcDay = new Date(date.getTime() + offsetMinutes(offset) * 60_000);
  if (utcDay.getUTCDate() !== day || utcDay.getUTCMonth() + 1 !== month) return null;
  return date;
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

/** A W3C date-time in UTC without milliseconds, as every GeoReport v2 example writes it. */
export function formatW3cDateTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The specification's default: requests from the last 90 days. */
export const OPEN311_DEFAULT_WINDOW_DAYS = 90;

export type RequestWindow = { ok: true; from: Date; to: Date } | { ok: false; reason: string };

/**
 * The period GET requests covers. Neither date: the last 90 days. Only a start: 90 days from it.
 * Only an end: the 90 days before it. Both: as given, at most 90 days apart (a longer span would
 * let one query read the whole history; a client pages by moving the window).
 */
export function requestWindow(o: { start?: Date | undefined; end?: Date | undefined; now: Date }): RequestWindow {
  const span = OPEN311_DEFAULT_WINDOW_DAYS * 86_400_000;
  const to = o.end ?? (o.start ? new Date(o.start.getTime() + span) : o.now);
  const from = o.start ?? new Date(to.getTime() - span);
  if (from.getTime() > to.getTime()) return { ok: false, reason: 'start_date is after end_date' };
  if (to.getTime() - from.getTime() > span) return { ok: false, reason: `start_date and end_date are more than ${OPEN311_DEFAULT_WINDOW_DAYS} days apart` };
  return { ok: true, from, to };
}
