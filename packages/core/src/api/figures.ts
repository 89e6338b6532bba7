import { z } from 'zod';
import type { Figures } from '../metrics/figures.js';
import { RANKING_KINDS, rankingSettingsSchema } from '../metrics/ranking.js';

/* Accountability figures' answers (ADR 0012, 0013, 0014, 0042): staff figures, ranking, the public page. */

const count = z.number().int().min(0);
const ratio = z.number().min(0).max(1).nullable().describe('null when the denominator is 0');
const month = z.string().describe('YYYY-MM');

/** Every count and every rate of a set of rollup rows (core Figures). */
export const figuresSchema = z.object({
  dispatched: count.describe('dispatches and arbitrations received'),
  returns: count.describe('returns (退单), on the day of the dispatch they answer'),
  returnRate: ratio.describe('退单率 returns / dispatched'),
  responseDue: count.describe('response (contact) deadlines that fell due'),
  respondedOnTime: count,
  responseRate: ratio.describe('响应率 respondedOnTime / responseDue'),
  visits: count.describe('completed return visits'),
  solved: count,
  resolutionRate: ratio.describe('解决率 solved / visits'),
  satisfied: count.describe('satisfied plus basically satisfied visits'),
  satisfactionRate: ratio.describe('满意率 satisfied / visits'),
  overdue: count.describe('deadlines that went overdue'),
  contacts: count.describe("citizen contacts received; the centre's ('' unit) only"),
  directResolved: count.describe('contacts that opened a case answered at intake'),
  directResolutionRate: ratio.describe('直办率 directResolved / contacts'),
  closures: count.describe('closures (办结): department replies'),
  closedOnTime: count.describe('closures by the resolve deadline in force'),
  onTimeClosureRate: ratio.describe('按期办结率 closedOnTime / closures'),
  reopened: count.describe('reopenings, on the day of the closure they undo'),
  reopenRate: ratio.describe('重办率 reopened / closures'),
  overdueDays: count.describe('natural days late of late closures, ceil(late / 24 h) each, on the closure day'),
  extensions: count.describe('approved extensions'),
  supervisionNotices: count.describe('supervision notices (督办单) received'),
  arbitrations: count.describe('arbitrations assigning cases to the unit'),
  answerRate: ratio.describe('接通率; null until call records exist (callData false), never 0 for "unknown"'),
  callData: z.boolean().describe('whether call records back answerRate'),
});

export const figuresItemSchema = figuresSchema.extend({
  key: z.string().describe("unit id ('' = the centre), line id ('' = no line), type or channel code, YYYY-MM-DD (day; week = its Monday) or YYYY-MM"),
  label: z.string().describe('unit name, line name and number, else the key (the web translates codes)'),
});
export type FiguresItem = z.infer<typeof figuresItemSchema>;

// The schema is the wire form of core's Figures: a field added to one and not the other fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const figuresMatch: Same<z.infer<typeof figuresSchema>, Figures> = true;
void figuresMatch;

/** How `GET /api/v1/stats/figures` groups its items. */
export const FIGURES_GROUPINGS = ['unit', 'line', 'type', 'channel', 'day', 'week', 'month', 'category'] as const;
export type FiguresGrouping = (typeof FIGURES_GROUPINGS)[number];

export const unitFiguresSchema = figuresSchema.extend({ unitId: z.string(), unitName: z.string() });
export type UnitFigures = z.infer<typeof unitFiguresSchema>;

/** `GET /api/v1/stats/units`: every unit of the caller's scope with its own figures (not its children's). */
export const unitFiguresAnswerSchema = z.object({ from: z.string(), to: z.string(), items: z.array(unitFiguresSchema) });
export type UnitFiguresAnswer = z.infer<typeof unitFiguresAnswerSchema>;

/** `GET /api/v1/stats/figures`. */
export const figuresAnswerSchema = z.object({ from: z.string(), to: z.string(), by: z.enum(FIGURES_GROUPINGS), total: figuresSchema, items: z.array(figuresItemSchema) });
export type FiguresAnswer = z.infer<typeof figuresAnswerSchema>;

export const rankingItemSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  unitKind: z.string(),
  rank: z.number().int().min(1).nullable().describe('null: unranked (a weighted rate has no denominator, or fewer dispatches than minVolume)'),
  score: z.number().min(0).max(100).nullable().describe('100 × weighted mean of the three rates; null when a weighted rate is null'),
  volume: z.number().int().min(0).describe('dispatches received in the month'),
  responseRate: ratio,
  resolutionRate: ratio,
  satisfactionRate: ratio,
  previousRank: z.number().int().min(1).nullable(),
  previousScore: z.number().min(0).max(100).nullable(),
  change: z.number().int().nullable().describe('previousRank − rank: positive moved up; null when either month is unranked'),
});
export type RankingItem = z.infer<typeof rankingItemSchema>;

/** `GET /api/v1/stats/ranking`. */
export const rankingAnswerSchema = z.object({ month: z.string(), previousMonth: z.string(), kind: z.enum(RANKING_KINDS), settings: rankingSettingsSchema, items: z.array(rankingItemSchema) });
export type RankingAnswer = z.infer<typeof rankingAnswerSchema>;

/** `GET|PUT /api/v1/admin/ranking-weights`. */
export const rankingWeightsViewSchema = z.object({ settings: rankingSettingsSchema, defaults: rankingSettingsSchema, updatedAt: z.string().nullable() });
export type RankingWeightsView = z.infer<typeof rankingWeightsViewSchema>;

/** `GET /api/v1/public/stats`: the published figures of a month (no login). */
export const publicStatsSchema = z.object({
  month,
  jurisdiction: figuresSchema,
  units: z.array(figuresSchema.extend({ unitId: z.string(), unitName: z.string(), last12Months: figuresSchema })),
  lines: z.array(
    figuresSchema.extend({ lineId: z.string(), number: z.string(), name: z.string(), ownerTitle: z.string(), last12Months: figuresSchema }),
  ).describe('published lines only; tip lines never'),
  trend: z.array(figuresSchema.extend({ month })).describe('the jurisdiction, month by month, the 12 months ending with `month`'),
  ranking: z.array(rankingItemSchema).describe('departments, districts, streets and companies ranked by the composite score of the month (ADR 0014), with the change from the month before'),
});
export type PublicStats = z.infer<typeof publicStatsSchema>;

/** What a directory entry shows next to its number: the last complete month. */
export const lineFiguresSchema = z
  .object({
    month,
    dispatched: count.describe('cases from this line dispatched to a department in the month'),
    visits: count,
    responseRate: ratio,
    resolutionRate: ratio,
    satisfactionRate: ratio,
  })
  .nullable()
  .describe('null for a tip line (its figures are never published)');
export type LineFigures = z.infer<typeof lineFiguresSchema>;
