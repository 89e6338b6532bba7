import type { UnitFigures } from '../stats/presenter.js';
import type { Column } from './table.js';

/**
 * The figures of /stats/units as sheet columns, in the JSON's order. Headers are the words a
 * 12345 centre's reports use (the monthly report's families: report.ts).
 */
type UnitColumn = Column<UnitFigures>;

const unit: UnitColumn = { header: '单位', kind: 'text', width: 24, value: (u) => u.unitName };
const dispatched: UnitColumn = { header: '派单数', kind: 'count', width: 9, value: (u) => u.dispatched };
const returns: UnitColumn = { header: '退单数', kind: 'count', width: 9, value: (u) => u.returns };
const returnRate: UnitColumn = { header: '退单率', kind: 'rate', width: 9, value: (u) => u.returnRate };
const responseDue: UnitColumn = { header: '应响应数', kind: 'count', width: 10, value: (u) => u.responseDue };
const respondedOnTime: UnitColumn = { header: '按时响应数', kind: 'count', width: 11, value: (u) => u.respondedOnTime };
const responseRate: UnitColumn = { header: '响应率', kind: 'rate', width: 9, value: (u) => u.responseRate };
const visits: UnitColumn = { header: '回访数', kind: 'count', width: 9, value: (u) => u.visits };
const solved: UnitColumn = { header: '解决数', kind: 'count', width: 9, value: (u) => u.solved };
const resolutionRate: UnitColumn = { header: '解决率', kind: 'rate', width: 9, value: (u) => u.resolutionRate };
const satisfied: UnitColumn = { header: '满意数（含基本满意）', kind: 'count', width: 20, value: (u) => u.satisfied };
const satisfactionRate: UnitColumn = { header: '满意率', kind: 'rate', width: 9, value: (u) => u.satisfactionRate };
const overdue: UnitColumn = { header: '超期数', kind: 'count', width: 9, value: (u) => u.overdue };

/** GET /stats/units as one sheet: the JSON's fields in its order. */
export const UNIT_FIGURE_COLUMNS: readonly UnitColumn[] = [
  unit, dispatched, returns, returnRate, responseDue, respondedOnTime, responseRate, visits, solved, resolutionRate, satisfied, satisfactionRate, overdue,
];
