import type { HolidayRule } from '../telephony/line-hours.js';

/*
 * The published lines' codes, apart from their schemas (lines.ts) so a page that needs only the
 * list of modes does not pull zod into its bundle (the console imports values from here).
 */

/** What a published line is: an official answering, a staffed centre, texts only, or a protected tip line. */
export const LINE_MODES = ['direct', 'staffed', 'sms_only', 'tip'] as const;
export type LineModeCode = (typeof LINE_MODES)[number];

/** The week as the admin edits it, Monday first. */
export const SERVICE_HOURS_WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const HOLIDAY_RULES = ['closed', 'as_weekend', 'open'] as const satisfies readonly HolidayRule[];
