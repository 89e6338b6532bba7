import { cityDayEnd, cityDayStart } from './dates';
import { CITY_TIME_ZONE } from './time';

/*
 * A knowledge article's validity: optional ISO instants [validFrom, validTo). The admin picks
 * whole Beijing days, so the range's last day is inclusive on screen and exclusive in the API.
 */

export type Validity = 'current' | 'expired' | 'pending';

export function validityState(validFrom: string | null, validTo: string | null, now: number): Validity {
  if (validFrom !== null && Date.parse(validFrom) > now) return 'pending';
  if (validTo !== null && Date.parse(validTo) <= now) return 'expired';
  return 'current';
}

const dayFormatter = new Intl.DateTimeFormat('en-CA', { timeZone: CITY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Beijing day an instant falls on ("2026-11-28"). */
export function cityDayOf(iso: string): string {
  return dayFormatter.format(new Date(iso));
}

/** Instants → the days shown in the picker: the last day shown is the day before `validTo`. */
export function validityToDays(validFrom: string | null, validTo: string | null): [string | null, string | null] {
  return [validFrom ? cityDayOf(validFrom) : null, validTo ? cityDayOf(new Date(Date.parse(validTo) - 1).toISOString()) : null];
}

/** Picked days (either may be open) → the API's instants. */
export function daysToValidity(from: string | null, to: string | null): { validFrom: string | null; validTo: string | null } {
  return { validFrom: from ? cityDayStart(from) : null, validTo: to ? cityDayEnd(to) : null };
}
