import {
  addDays, cellKey, districtsByUnit, monthDays, OPEN_DATA_MIN_CELL, suppressedCells, toOpenDataRecord, zonedInstant, type OpenDataRecord,
} from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import { findDefaultJurisdiction } from '../jurisdictions/repository.js';
import { countByUnitAndType, pageOpenDataCases } from './open-data-repository.js';
import { listUnits } from './repository.js';
import { resolvePublicMonth } from './service.js';

const PAGE = 500;

export interface OpenDataMonth {
  month: string;
  records: AsyncGenerator<OpenDataRecord>;
}

/**
 * A month's anonymised case records (docs/open-data.md), read a page at a time. First one
 * grouped count decides which district × category cells are too small to publish with their
 * place; then the pages are turned into records without ever holding the month in memory.
 * The month is validated before anything is read, so a bad one is a 400, not a broken stream.
 */
export async function openDataMonth(ctx: AppContext, options: { month?: string; now?: Date; pageSize?: number }): Promise<OpenDataMonth> {
  const pageSize = options.pageSize ?? PAGE;
  const jurisdiction = await findDefaultJurisdiction(ctx.db);
  const timeZone = jurisdiction?.timezone ?? 'Asia/Shanghai';
  const month = resolvePublicMonth(options.month, timeZone, options.now);
  if (!jurisdiction) return { month, records: (async function* () {})() };

  const { from: first, to: last } = monthDays(month);
  const range = {
    jurisdictionId: jurisdiction.id,
    fromIso: zonedInstant(first, 0, timeZone).toISOString(),
    toIso: zonedInstant(addDays(last, 1), 0, timeZone).toISOString(),
  };
  const units = await listUnits(ctx.db, jurisdiction.id);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const districts = districtsByUnit(units);
  const cells = new Map<string, { district: string; category: string; count: number }>();
  for (const row of await countByUnitAndType(ctx.db, range)) {
    const district = (row.unitId && districts.get(row.unitId)) || '';
    const key = cellKey(district, row.type);
    const cell = cells.get(key) ?? { district, category: row.type, count: 0 };
    cell.count += row.count;
    cells.set(key, cell);
  }
  const suppressed = suppressedCells([...cells.values()], OPEN_DATA_MIN_CELL);

  async function* records(): AsyncGenerator<OpenDataRecord> {
    let after: { createdAt: string; id: string } | null = null;
    for (;;) {
      const page = await pageOpenDataCases(ctx.db, { ...range, after, limit: pageSize });
      for (const c of page) {
        const district = (c.leadUnitId && districts.get(c.leadUnitId)) || null;
        yield toOpenDataRecord(
          {
            // Keyed hash of month and case: stable within the file, unlinkable across months, not reversible without the key.
            recordId: ctx.pii.blindIndex(`open-data/${month}/${c.id}`).slice(0, 20),
            month,
            createdAt: c.createdAt,
            type: c.type,
            channel: c.channel,
            status: c.status,
            unitName: c.leadUnitId ? (names.get(c.leadUnitId) ?? null) : null,
            district,
            dispatchedAt: c.dispatchedAt,
            contactedAt: c.contactedAt,
            closedAt: c.closedAt,
            bounceCount: c.bounceCount,
            visitSolved: c.visitSolved,
            visitSatisfaction: c.visitSatisfaction,
          },
          { timeZone, suppressPlace: district !== null && suppressed.has(cellKey(district, c.type)) },
        );
      }
      const lastRow = page[page.length - 1];
      if (!lastRow || page.length < pageSize) return;
      after = { createdAt: lastRow.createdAt, id: lastRow.id };
    }
  }
  return { month, records: records() };
}
