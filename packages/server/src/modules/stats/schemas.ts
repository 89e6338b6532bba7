import { z } from 'zod';

/** Response shapes of the figures routes, shared by anything that serves figures (exports, rankings). */
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const count = z.number().int().min(0);
const ratio = z.number().min(0).max(1).nullable().describe('null when the denominator is 0');

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
