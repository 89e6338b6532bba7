import { isCaseStatus } from '@openline/core';
import type { CaseListParams } from '../../api/cases';
import { cityDayEnd, cityDayStart, isDateString } from '../../lib/dates';
import { figureListParams, readFigureFilter, writeFigureFilter, type FigureFilter } from '../../lib/figureFilter';
import { readPaging, writePaging } from '../../lib/paging';

/** Page, size and filters live in the URL so reload, back and a shared link all show the same list. */
const MAX_TEXT = 100;
const MAX_PHONE = 32;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CaseListFilters {
  statuses: string[];
  overdue: boolean;
  q: string;
  /** A caller's number as typed; the server normalises it and matches the blind index. */
  phone: string;
  /** Beijing calendar days, inclusive, as YYYY-MM-DD. */
  from: string | null;
  to: string | null;
  /** Came from a figure on the dashboard: the cases behind it (shown as a removable tag). */
  figure: FigureFilter | null;
  /** 诉求分类, with its sub-categories (issue 12 §6). */
  categoryId?: string;
}

export interface CaseListQuery extends CaseListFilters {
  page: number;
  pageSize: number;
}

export const NO_FILTERS: CaseListFilters = { statuses: [], overdue: false, q: '', phone: '', from: null, to: null, figure: null };

export function readCaseListQuery(params: URLSearchParams): CaseListQuery {
  const statuses = (params.get('status') ?? '').split(',').filter(isCaseStatus);
  const from = params.get('from');
  const to = params.get('to');
  return {
    ...readPaging(params),
    statuses: [...new Set(statuses)],
    overdue: params.get('overdue') === '1',
    q: (params.get('q') ?? '').trim().slice(0, MAX_TEXT),
    phone: (params.get('phone') ?? '').trim().slice(0, MAX_PHONE),
    from: isDateString(from) ? from : null,
    to: isDateString(to) ? to : null,
    figure: readFigureFilter(params),
    ...categoryOf(params),
  };
}

/** A category id from the URL, or nothing: a malformed one is dropped rather than sent. */
function categoryOf(params: URLSearchParams): { categoryId?: string } {
  const id = params.get('categoryId') ?? '';
  return UUID.test(id) ? { categoryId: id } : {};
}

export function writeCaseListQuery(query: Pick<CaseListQuery, 'page' | 'pageSize'> & Partial<CaseListFilters>): URLSearchParams {
  const params = writePaging(new URLSearchParams(), query);
  if (query.statuses?.length) params.set('status', query.statuses.join(','));
  if (query.overdue) params.set('overdue', '1');
  if (query.q?.trim()) params.set('q', query.q.trim());
  if (query.phone?.trim()) params.set('phone', query.phone.trim());
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.categoryId) params.set('categoryId', query.categoryId);
  return writeFigureFilter(params, query.figure ?? null);
}

/** The API's parameters: days become the instants that bound them in Beijing time. */
export function toListParams(query: CaseListQuery): CaseListParams {
  return {
    page: query.page,
    pageSize: query.pageSize,
    statuses: query.statuses,
    overdue: query.overdue,
    q: query.q || undefined,
    phone: query.phone || undefined,
    from: query.from ? cityDayStart(query.from) : undefined,
    to: query.to ? cityDayEnd(query.to) : undefined,
    ...figureListParams(query.figure),
    ...(query.categoryId ? { categoryId: query.categoryId } : {}),
  };
}
