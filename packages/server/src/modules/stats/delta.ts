import { CENTRE_UNIT } from '@openline/core';
import type { StatCounts } from '../../db/schema.js';
import { COUNT_COLUMNS } from './columns.js';
import type { CellRow } from './repository.js';
import type { ContactCellRow } from './contact-repository.js';

/** The key of a `stat_daily` row. */
export interface DailyKey {
  jurisdiction_id: string;
  day: string;
  unit_id: string;
  line_id: string;
  case_type: string;
  channel: string;
}

export type DailyRow = DailyKey & StatCounts;
export type UnitRow = Pick<DailyKey, 'jurisdiction_id' | 'day' | 'unit_id'> & StatCounts;
export type ScopeRow = Omit<DailyKey, 'unit_id'> & StatCounts;
/** A row of stat_category_daily: '' is the cases without a category. */
export type CategoryRow = { jurisdiction_id: string; day: string; category_id: string } & StatCounts;

const zeroCounts = (): StatCounts => Object.fromEntries(COUNT_COLUMNS.map((c) => [c, 0])) as unknown as StatCounts;

export const isZero = (counts: StatCounts): boolean => COUNT_COLUMNS.every((c) => Number(counts[c]) === 0);

/**
 * What one refresh pass changes in the rollups (ADR 0018): each changed case's old cells
 * subtracted and its new cells added, per `stat_daily` key. A case whose cells did not change
 * adds nothing, so reading it again (the overlap) is harmless. The narrower rollups' changes
 * are the same changes summed over their keys, so they need no cells of their own.
 */
export class RollupDelta {
  private readonly daily = new Map<string, DailyRow>();
  /** Case cells only (contacts are the centre's and carry no category): not derivable from `daily`. */
  private readonly category = new Map<string, CategoryRow>();

  get size(): number {
    return this.daily.size;
  }

  /** A case's cells: `sign` -1 for the cells it had, +1 for the cells it has now. */
  addCells(rows: readonly CellRow[], sign: 1 | -1): void {
    for (const r of rows) {
      this.add(r, r, sign);
      const categoryId = r.category_id ?? '';
      const id = JSON.stringify([r.jurisdiction_id, r.day, categoryId]);
      let row = this.category.get(id);
      if (!row) this.category.set(id, (row = { jurisdiction_id: r.jurisdiction_id, day: r.day, category_id: categoryId, ...zeroCounts() }));
      for (const c of COUNT_COLUMNS) row[c] += sign * r[c];
    }
  }

  /** A contact's cells count for the centre's row (unit ''), as `resumDays` sums them. */
  addContactCells(rows: readonly ContactCellRow[], sign: 1 | -1): void {
    for (const r of rows) {
      const counts = zeroCounts();
      counts.contacts = r.contacts;
      counts.direct_resolved = r.direct_resolved;
      this.add({ ...r, unit_id: CENTRE_UNIT }, counts, sign);
    }
  }

  private add(key: DailyKey, counts: StatCounts, sign: 1 | -1): void {
    const id = JSON.stringify([key.jurisdiction_id, key.day, key.unit_id, key.line_id, key.case_type, key.channel]);
    let row = this.daily.get(id);
    if (!row) {
      row = { jurisdiction_id: key.jurisdiction_id, day: key.day, unit_id: key.unit_id, line_id: key.line_id, case_type: key.case_type, channel: key.channel, ...zeroCounts() };
      this.daily.set(id, row);
    }
    for (const c of COUNT_COLUMNS) row[c] += sign * counts[c];
  }

  /** The non-zero changes per `stat_daily` key. */
  dailyRows(): DailyRow[] {
    return [...this.daily.values()].filter((r) => !isZero(r));
  }

  unitRows(): UnitRow[] {
    return sumBy(this.dailyRows(), (r) => ({ jurisdiction_id: r.jurisdiction_id, day: r.day, unit_id: r.unit_id }));
  }

  scopeRows(): ScopeRow[] {
    return sumBy(this.dailyRows(), (r) => ({ jurisdiction_id: r.jurisdiction_id, day: r.day, line_id: r.line_id, case_type: r.case_type, channel: r.channel }));
  }

  categoryRows(): CategoryRow[] {
    return [...this.category.values()].filter((r) => !isZero(r));
  }

  clear(): void {
    this.daily.clear();
    this.category.clear();
  }
}

function sumBy<K extends object>(rows: readonly DailyRow[], keyOf: (row: DailyRow) => K): Array<K & StatCounts> {
  const out = new Map<string, K & StatCounts>();
  for (const r of rows) {
    const key = keyOf(r);
    const id = JSON.stringify(Object.values(key));
    let sum = out.get(id);
    if (!sum) out.set(id, (sum = { ...key, ...zeroCounts() }));
    for (const c of COUNT_COLUMNS) sum[c] += r[c];
  }
  return [...out.values()].filter((r) => !isZero(r));
}
