import { CASE_TYPES, CHANNELS, PRIORITY_BAND_CODES, URGENCIES, isCaseStatus } from '@openline/core';
import type { CaseListParams } from '../../api/cases';
import { cityDayEnd, cityDayStart, isDateString } from '../../lib/dates';
import { figureListParams, readFigureFilter, writeFigureFilter, type FigureFilter } from '../../lib/figureFilter';
import { readPaging, writePaging } from '../../lib/paging';

/** Page, size and filters live in the URL so reload, back and a shared link all show the same list. */
const MAX_TEXT = 100;
const MAX_PHONE = 32;
const MAX_NAME = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const oneOf = (codes: readonly string[], value: string | null): string | null => (value !== null && codes.includes(value) ? value : null);

export interface CaseListFilters {
  statuses: string[];
  overdue: boolean;
  q: string;
  /** A caller's number as typed; the server normalises it and matches the blind index. */
  phone: string;
  /** Beijing calendar days, inclusive, as YYYY-MM-DD. */
  from: string | null;
  to: string | null;
  /** The caller's exact full name; the server matches its blind index (ADR 0027). */
  callerName: string;
  /** Lead unit, with its children. */
  unitId: string | null;
  // type, channel and lineId share their URL names with a figure's narrowing (lib/figureFilter):
  // one parameter, one meaning, and the bar's value is the one written and sent.
  type: string | null;
  channel: string | null;
  lineId: string | null;
  urgency: string | null;
  priorityBand: string | null;
  openInstruction: boolean;
  /** Came from a figure on the dashboard: the cases behind it (shown as a removable tag). */
  figure: FigureFilter | null;
  /** 诉求分类, with its sub-categories (issue 12 §6). */
  categoryId?: string;
  /**
   * Received before this instant (ISO): set by "search earlier cases" when a page ended at its
   * window (ADR 0062), finer than a day because a busy unit takes thousands of cases a day.
   */
  before?: string | null;
}

/** The filters behind "more filters" (shown folded unless one is set). */
export const MORE_FILTER_KEYS = ['unitId', 'categoryId', 'type', 'channel', 'lineId', 'urgency', 'priorityBand', 'openInstruction'] as const;

export function moreFiltersSet(filters: CaseListFilters): number {
  return MORE_FILTER_KEYS.filter((key) => Boolean(filters[key])).length;
}

export interface CaseListQuery extends CaseListFilters {
  page: number;
  pageSize: number;
}

export const NO_FILTERS: CaseListFilters = {
  statuses: [], overdue: false, q: '', phone: '', from: null, to: null, callerName: '', unitId: null, type: null, channel: null, lineId: null,
  urgency: null, priorityBand: null, openInstruction: false, figure: null,
};

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
    callerName: (params.get('callerName') ?? '').trim().slice(0, MAX_NAME),
    unitId: UUID.test(params.get('unitId') ?? '') ? params.get('unitId') : null,
    type: oneOf(CASE_TYPES, params.get('type')),
    channel: oneOf(CHANNELS, params.get('channel')),
    lineId: UUID.test(params.get('lineId') ?? '') ? params.get('lineId') : null,
    urgency: oneOf(URGENCIES, params.get('urgency')),
    priorityBand: oneOf(PRIORITY_BAND_CODES, params.get('priorityBand')),
    openInstruction: params.get('openInstruction') === '1',
    figure: readFigureFilter(params),
    ...categoryOf(params),
    ...beforeOf(params),
  };
}

/** An ISO instant from the URL (the server's own `searchedSince`), or nothing, as categoryOf. */
function beforeOf(params: URLSearchParams): { before?: string } {
  const value = params.get('before') ?? '';
  return /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value) && !Number.isNaN(Date.parse(value)) ? { before: value } : {};
}

/** The list's `to`: the earlier of the last day's end and the "before" instant. */
function listTo(query: CaseListQuery): string | undefined {
  const dayEnd = query.to ? cityDayEnd(query.to) : undefined;
  if (!query.before) return dayEnd;
  return dayEnd !== undefined && Date.parse(dayEnd) < Date.parse(query.before) ? dayEnd : query.before;
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
  if (query.before) params.set('before', query.before);
  if (query.categoryId) params.set('categoryId', query.categoryId);
  if (query.callerName?.trim()) params.set('callerName', query.callerName.trim());
  if (query.unitId) params.set('unitId', query.unitId);
  if (query.urgency) params.set('urgency', query.urgency);
  if (query.priorityBand) params.set('priorityBand', query.priorityBand);
  if (query.openInstruction) params.set('openInstruction', '1');
  const out = writeFigureFilter(params, query.figure ?? null);
  // The bar's values win over the figure's copy of the same parameters.
  for (const key of ['type', 'channel', 'lineId'] as const) {
    const value = query[key];
    if (value === undefined) continue;
    out.delete(key);
    if (value) out.set(key, value);
  }
  return out;
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
    to: listTo(query),
    ...figureListParams(query.figure),
    ...(query.categoryId ? { categoryId: query.categoryId } : {}),
    callerName: query.callerName || undefined,
    unitId: query.unitId ?? undefined,
    type: query.type ?? undefined,
    channel: query.channel ?? undefined,
    lineId: query.lineId ?? undefined,
    urgency: query.urgency ?? undefined,
    priorityBand: query.priorityBand ?? undefined,
    openInstruction: query.openInstruction || undefined,
  };
}
