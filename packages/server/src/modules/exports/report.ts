import type { Figures } from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import type { SessionUser } from '../auth/service.js';
import { CENTRE_KEY, figures, type FiguresItem } from '../stats/figures-service.js';
import type { CellKind, Column, Sheet } from './table.js';
import { onePage } from './table.js';

/**
 * The monthly assessment report (issue 9 §4): one sheet per figure family, units as rows, from
 * GET /stats/figures by unit (each unit's own figures, not its subtree's, so no case counts
 * twice in a column). Columns name the figures by their API field, so the report and the API
 * cannot drift apart.
 */
type FigureKey = { [K in keyof Figures]: Figures[K] extends number | null ? K : never }[keyof Figures];
interface FigureColumn {
  header: string;
  key: FigureKey;
  kind: Exclude<CellKind, 'text'>;
}
interface Family {
  name: string;
  columns: FigureColumn[];
  /** Also a row for the hotline centre's own work (contacts closed at intake), which no unit earns. */
  withCentre?: true;
}

const c = (header: string, key: FigureKey): FigureColumn => ({ header, key, kind: 'count' });
const r = (header: string, key: FigureKey): FigureColumn => ({ header, key, kind: 'rate' });

export const REPORT_FAMILIES: readonly Family[] = [
  {
    name: '三率',
    columns: [
      c('应响应数', 'responseDue'), c('按时响应数', 'respondedOnTime'), r('响应率', 'responseRate'),
      c('回访数', 'visits'), c('解决数', 'solved'), r('解决率', 'resolutionRate'), c('满意数（含基本满意）', 'satisfied'), r('满意率', 'satisfactionRate'),
    ],
  },
  { name: '退单', columns: [c('派单数', 'dispatched'), c('退单数', 'returns'), r('退单率', 'returnRate'), c('仲裁数', 'arbitrations')] },
  {
    name: '时限与超期',
    columns: [c('应响应数', 'responseDue'), c('按时响应数', 'respondedOnTime'), c('超期数', 'overdue'), c('超期天数', 'overdueDays'), c('延期数', 'extensions'), c('督办单数', 'supervisionNotices')],
  },
  { name: '直办率', withCentre: true, columns: [c('受理数', 'contacts'), c('直接办结数', 'directResolved'), r('直办率', 'directResolutionRate')] },
  { name: '按时办结', columns: [c('办结数', 'closures'), c('按时办结数', 'closedOnTime'), r('按时办结率', 'onTimeClosureRate')] },
  { name: '重办', columns: [c('办结数', 'closures'), c('重办数', 'reopened'), r('重办率', 'reopenRate')] },
];

/** What the centre's own row is called in a sheet. */
export const CENTRE_LABEL = '热线中心（受理即办结）';

export async function monthlyReport(ctx: AppContext, options: { user: SessionUser; from: string; to: string }): Promise<Array<Sheet<FiguresItem>>> {
  const { items } = await figures(ctx, { ...options, by: 'unit', subtree: false });
  return reportSheets(items);
}

/** One sheet per family; the centre's row only where its work is counted. */
export function reportSheets(items: readonly FiguresItem[]): Array<Sheet<FiguresItem>> {
  return REPORT_FAMILIES.map((family) => {
    const columns: Array<Column<FiguresItem>> = [
      { header: '单位', kind: 'text', width: 24, value: (i) => (i.key === CENTRE_KEY ? CENTRE_LABEL : i.label) },
      ...family.columns.map((col): Column<FiguresItem> => ({ header: col.header, kind: col.kind, width: Math.max(9, col.header.length * 2 + 2), value: (i) => i[col.key] })),
    ];
    const rows = family.withCentre ? items : items.filter((i) => i.key !== CENTRE_KEY);
    return { name: family.name, columns, pages: onePage(rows) };
  });
}
