import { addDays } from '../../packages/core/src/calendar/local-time.js';
import { CASE_TYPES, CHANNELS } from '../../packages/core/src/channels.js';
import { seededRandom, type Random } from '../../packages/core/src/random.js';

/**
 * A generated city for the figures benchmark, with no I/O: an org tree of about 300 units and
 * what its cases contribute to the figures, day by day. Seeded, so two runs (and the two
 * databases) hold the same figures.
 *
 * The skew is the point: a hotline's work is not spread evenly. Unit volumes follow a Zipf law
 * (a few district urban-management offices and streets take most appeals, many sections see a
 * handful a month); most cases come on no official's line; types and channels have the shares
 * of a Chinese 12345 centre. Each unit has a quality that drives its response, return,
 * resolution, satisfaction and overdue rates.
 */

export interface PlannedUnit {
  name: string;
  kind: 'city' | 'department' | 'district' | 'street';
  /** Index of the parent in the plan; null for the city. */
  parent: number | null;
}

export const CITY_DEPARTMENTS = 30;
export const DISTRICTS = 12;
const DISTRICT_DEPARTMENTS = 12;
const STREETS = 10;
export const LINES = 30;

/** City → 30 departments (each with 0–3 sections) → and 12 districts of 12 offices and 10 streets. */
export function planUnits(): PlannedUnit[] {
  const units: PlannedUnit[] = [{ name: '基准市人民政府', kind: 'city', parent: null }];
  for (let d = 0; d < CITY_DEPARTMENTS; d++) {
    const at = units.push({ name: `市部门${d + 1}`, kind: 'department', parent: 0 }) - 1;
    for (let s = 0; s < d % 4; s++) units.push({ name: `市部门${d + 1}第${s + 1}处`, kind: 'department', parent: at });
  }
  for (let d = 0; d < DISTRICTS; d++) {
    const at = units.push({ name: `第${d + 1}区`, kind: 'district', parent: 0 }) - 1;
    for (let o = 0; o < DISTRICT_DEPARTMENTS; o++) units.push({ name: `第${d + 1}区部门${o + 1}`, kind: 'department', parent: at });
    for (let s = 0; s < STREETS; s++) units.push({ name: `第${d + 1}区街道${s + 1}`, kind: 'street', parent: at });
  }
  return units;
}

/** Counts in the column order of stat_case_cells / stat_daily. */
export type Counts = [dispatched: number, returns: number, responseDue: number, respondedOnTime: number, visits: number, solved: number, satisfied: number, overdue: number];
export const COUNT_COLUMNS = ['dispatched', 'returns', 'response_due', 'responded_on_time', 'visits', 'solved', 'satisfied', 'overdue'] as const;

export interface Cell {
  /** Index of the case, 0-based, in order of receipt. */
  caseNo: number;
  day: string;
  unit: number;
  line: number;
  type: string;
  channel: string;
  counts: Counts;
}

export interface CityOptions {
  cases: number;
  /** The last day of the period (local), YYYY-MM-DD; the period is `days` days up to it. */
  lastDay: string;
  days: number;
  seed?: number;
}

function zipfWeights(n: number, s: number, random: Random): number[] {
  const w = Array.from({ length: n }, (_, rank) => 1 / (rank + 1) ** s);
  // Shuffled, so the hot units are scattered over the tree rather than the first ones planned.
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [w[i], w[j]] = [w[j] as number, w[i] as number];
  }
  return w;
}

/** Picks an index with probability proportional to its weight (binary search on the running sum). */
function sampler(weights: readonly number[]): (r: number) => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  return (r) => {
    const target = r * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** How many cases arrive each day: a slow growth over the years and quieter weekends. */
export function casesPerDay(options: CityOptions): number[] {
  const first = addDays(options.lastDay, 1 - options.days);
  const weights = Array.from({ length: options.days }, (_, i) => {
    const weekday = new Date(`${addDays(first, i)}T00:00:00Z`).getUTCDay();
    return (0.7 + (0.6 * i) / Math.max(1, options.days - 1)) * (weekday === 0 || weekday === 6 ? 0.7 : 1);
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const counts: number[] = [];
  let carried = 0;
  for (const w of weights) {
    const exact = (w / total) * options.cases + carried;
    const n = Math.floor(exact);
    carried = exact - n;
    counts.push(n);
  }
  counts[counts.length - 1] = (counts.at(-1) ?? 0) + options.cases - counts.reduce((a, b) => a + b, 0);
  return counts;
}

/**
 * Yields, day by day of receipt, the cells of that day's cases (ADR 0012's attribution: a
 * dispatch and a return on the dispatch day, the response deadline on its due day, a visit and
 * the overdue mark on their own later days). A consultation answered at intake contributes
 * nothing; cells that would fall after `lastDay` have not happened yet.
 */
export function* cityCells(options: CityOptions, unitCount: number): Generator<{ day: string; cells: Cell[] }> {
  const random = seededRandom(options.seed ?? 20261205);
  const pickUnit = sampler(zipfWeights(unitCount, 1.1, random));
  const pickLine = sampler(zipfWeights(LINES, 1, random));
  const pickType = sampler([30, 25, 25, 8, 8, 4]);
  const pickChannel = sampler([60, 10, 15, 3, 12]);
  const quality = Array.from({ length: unitCount }, () => 0.55 + 0.43 * random());
  const first = addDays(options.lastDay, 1 - options.days);
  const perDay = casesPerDay(options);
  let caseNo = 0;
  for (let d = 0; d < options.days; d++) {
    const day = addDays(first, d);
    const cells: Cell[] = [];
    for (let n = 0; n < (perDay[d] ?? 0); n++, caseNo++) {
      const type = CASE_TYPES[pickType(random())] as string;
      const channel = CHANNELS[pickChannel(random())] as string;
      const line = random() < 0.75 ? -1 : pickLine(random());
      if (type === 'consultation' && random() < 0.6) continue;
      const own = new Map<string, Cell>();
      const add = (offset: number, unit: number, column: number): void => {
        if (d + offset >= options.days) return;
        const key = `${offset}|${unit}`;
        let cell = own.get(key);
        if (!cell) own.set(key, (cell = { caseNo, day: offset === 0 ? day : addDays(day, offset), unit, line, type, channel, counts: [0, 0, 0, 0, 0, 0, 0, 0] }));
        cell.counts[column] = (cell.counts[column] ?? 0) + 1;
      };
      let lead = pickUnit(random());
      add(0, lead, 0);
      if (random() < 0.25 * (1 - (quality[lead] as number))) {
        add(0, lead, 1);
        lead = pickUnit(random());
        add(0, lead, 0);
      }
      const q = quality[lead] as number;
      const due = random() < 0.7 ? 0 : 1;
      add(due, lead, 2);
      if (random() < q) add(due, lead, 3);
      if (random() < 0.3 * (1 - q)) add(7, lead, 7);
      const visitAfter = 1 + Math.floor(-Math.log(1 - random()) * 5 * (1.5 - q));
      add(visitAfter, lead, 4);
      if (random() < 0.2 + 0.8 * q) add(visitAfter, lead, 5);
      if (random() < 0.1 + 0.9 * q) add(visitAfter, lead, 6);
      cells.push(...own.values());
    }
    yield { day, cells };
  }
}
