import {
  createWorkingCalendar,
  deadlinePolicySchema,
  defaultDeadlinePolicy,
  yearCalendarSchema,
  type DeadlinePolicy,
  type WorkingCalendar,
} from '@openline/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { readOncePerUnitOfWork } from '../../lib/unit-of-work.js';
import { findDeadlinePolicy, listCalendarYears } from './repository.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The jurisdiction's working calendar: years an admin loaded override the packaged statutory
 * calendar. Read per unit of work rather than cached, so every server process sees an admin's
 * change at once; it is one small indexed read, made once however many cases the unit of work
 * dates (a drainer batch: one per appeal before).
 */
export function loadWorkingCalendar(db: Db, jurisdiction: { id: string; timezone: string }): Promise<WorkingCalendar> {
  return readOncePerUnitOfWork(db, `working-calendar\u0000${jurisdiction.id}\u0000${jurisdiction.timezone}`, async () =>
    workingCalendarOf(await listCalendarYears(db, jurisdiction.id), jurisdiction.timezone));
}

/** The calendar of the jurisdiction's stored years as read (in year order), for a caller that read them with other things in one statement. */
export function workingCalendarOf(rows: ReadonlyArray<{ data: string }>, timezone: string): WorkingCalendar {
  const jurisdiction = { timezone };
  // Still read per use; only the parsing is remembered, by the very text read (so an admin's
  // change is a new key): validating the years and the zone was a tenth of opening a case.
  const key = `${jurisdiction.timezone}\u0000${rows.map((r) => r.data).join('\u0001')}`;
  const parsed = parsedCalendars.get(key);
  if (parsed) return parsed;
  const years = rows.map((r) => yearCalendarSchema.parse(JSON.parse(r.data)));
  const calendar = createWorkingCalendar({ timeZone: jurisdiction.timezone, years });
  if (parsedCalendars.size >= PARSED_CALENDARS) parsedCalendars.delete(parsedCalendars.keys().next().value as string);
  parsedCalendars.set(key, calendar);
  return calendar;
}

/** Calendars parsed from their stored text, a few per jurisdiction at most. */
const PARSED_CALENDARS = 32;
const parsedCalendars = new Map<string, WorkingCalendar>();

/** The jurisdiction's deadline policy, or DESIGN §5's defaults until an admin edits it. */
export async function loadDeadlinePolicy(db: Db, jurisdictionId: string): Promise<DeadlinePolicy> {
  const stored = await findDeadlinePolicy(db, jurisdictionId);
  return stored ? deadlinePolicySchema.parse(JSON.parse(stored)) : defaultDeadlinePolicy();
}
