import { z } from 'zod';
import { deadlinePolicySchema } from '../calendar/policy.js';
import { YEAR_CALENDAR_SOURCES } from '../calendar/year-calendar.js';
import { RATE_LIMIT_SCOPES, rateLimitSettingsSchema } from '../rate-limits.js';
import { urgencyLexiconSchema } from '../urgency/lexicon.js';

/* A jurisdiction's settings as the admin's pages read them: deadlines, calendar, rate limits, the urgency lexicon (ADR 0042). */

/** `GET`/`PUT /api/v1/admin/deadline-policy`. */
export const deadlinePolicyAnswerSchema = z.object({
  policy: deadlinePolicySchema,
  isDefault: z.boolean().describe('true while the jurisdiction still uses the defaults of DESIGN §5'),
});
export type DeadlinePolicyAnswer = z.infer<typeof deadlinePolicyAnswerSchema>;

/** One year of the statutory calendar; `GET /api/v1/admin/calendar/:year/package` answers the package's. */
export const calendarYearSchema = z.object({
  year: z.number().int(),
  holidays: z.array(z.string()),
  makeupWorkdays: z.array(z.string()),
  source: z.enum(YEAR_CALENDAR_SOURCES),
  name: z.string().optional(),
});
export type CalendarYearView = z.infer<typeof calendarYearSchema>;

/** Stable codes (core's calendarWarnings); screens translate them. */
export const CALENDAR_WARNING_CODES = ['CURRENT_YEAR_CALENDAR_MISSING', 'NEXT_YEAR_CALENDAR_MISSING'] as const;

/** `GET /api/v1/admin/calendar`, `PUT /api/v1/admin/calendar/:year`. */
export const calendarOverviewSchema = z.object({
  timeZone: z.string(),
  workingHours: z.array(z.object({ start: z.string(), end: z.string() })),
  years: z.array(calendarYearSchema),
  coverage: z.object({ package: z.array(z.number().int()), loaded: z.array(z.number().int()) }),
  warnings: z.array(z.object({ code: z.enum(CALENDAR_WARNING_CODES), year: z.number().int() })),
});
export type CalendarOverview = z.infer<typeof calendarOverviewSchema>;

/** `GET`/`PUT /api/v1/admin/rate-limits` (ADR 0007). */
export const rateLimitsAnswerSchema = z.object({
  limits: rateLimitSettingsSchema,
  defaults: rateLimitSettingsSchema,
  publicLimitsEnabled: z.boolean().describe('false when the server runs with PUBLIC_RATE_LIMITS=0 (load tests)'),
  refusals: z.array(z.object({ day: z.string(), scope: z.enum(RATE_LIMIT_SCOPES), count: z.number().int() })).describe('refused requests (held SMS) per scope and UTC day, last 14 days'),
});
export type RateLimitsAnswer = z.infer<typeof rateLimitsAnswerSchema>;

/** `GET`/`PUT /api/v1/admin/urgency-lexicon`: the lexicon as validated, its defaults filled in. */
export const urgencyLexiconAnswerSchema = z.object({
  lexicon: urgencyLexiconSchema,
  isDefault: z.boolean().describe('true while the jurisdiction still uses the built-in lexicon'),
});
export type UrgencyLexiconAnswer = z.infer<typeof urgencyLexiconAnswerSchema>;
