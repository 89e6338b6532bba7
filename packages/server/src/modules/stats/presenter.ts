import { toFigures, type Figures } from '@openline/core';
import { fromColumns } from './columns.js';
import type { UnitRow, UnitTotals } from './repository.js';

export type UnitFigures = { unitId: string; unitName: string } & Figures;

/** One unit's row of GET /stats/units: every figure, zero counts and null rates when idle. */
export function presentUnitFigures(unit: UnitRow, totals: UnitTotals | undefined): UnitFigures {
  return { unitId: unit.id, unitName: unit.name, ...toFigures(fromColumns((c) => totals?.[c] ?? 0)) };
}
