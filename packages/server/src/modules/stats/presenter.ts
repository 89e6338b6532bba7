import { metricRates, type MetricCounts } from '@openline/core';
import type { UnitRow, UnitTotals } from './repository.js';

export interface UnitFigures extends MetricCounts {
  unitId: string;
  unitName: string;
  returnRate: number | null;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
}

export function presentUnitFigures(unit: UnitRow, totals: UnitTotals | undefined): UnitFigures {
  const counts: MetricCounts = {
    dispatched: totals?.dispatched ?? 0,
    returns: totals?.returns ?? 0,
    responseDue: totals?.response_due ?? 0,
    respondedOnTime: totals?.responded_on_time ?? 0,
    visits: totals?.visits ?? 0,
    solved: totals?.solved ?? 0,
    satisfied: totals?.satisfied ?? 0,
    overdue: totals?.overdue ?? 0,
  };
  const rates = metricRates(counts);
  return {
    unitId: unit.id,
    unitName: unit.name,
    dispatched: counts.dispatched,
    returns: counts.returns,
    returnRate: rates.returnRate,
    responseDue: counts.responseDue,
    respondedOnTime: counts.respondedOnTime,
    responseRate: rates.responseRate,
    visits: counts.visits,
    solved: counts.solved,
    resolutionRate: rates.resolutionRate,
    satisfied: counts.satisfied,
    satisfactionRate: rates.satisfactionRate,
    overdue: counts.overdue,
  };
}
