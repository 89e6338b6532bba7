import { CASE_TYPES, CHANNELS, isFigureFact, type FigureFact } from '@openline/core';
import { isDateString } from './dates';

/**
 * The cases behind a figure (the dashboard's drill-down): a fact, its period in local days and
 * what the figure was narrowed by. In the URL under the API's own names, so the case list just
 * passes them on: `/cases?fact=returns&factFrom=2026-11-01&factTo=2026-11-30&factUnitId=…`.
 */
export interface FigureFilter {
  fact: FigureFact;
  from: string;
  to: string;
  /** The unit the fact counted for (not the lead unit now); with its sub-units when subtree. */
  unitId: string | null;
  subtree: boolean;
  lineId: string | null;
  type: string | null;
  channel: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const oneOf = (codes: readonly string[], value: string | null): string | null => (value !== null && codes.includes(value) ? value : null);
const uuid = (value: string | null): string | null => (value !== null && UUID.test(value) ? value : null);

/** The figure named in the URL, or null when there is none or it is not complete and valid. */
export function readFigureFilter(params: URLSearchParams): FigureFilter | null {
  const fact = params.get('fact');
  const from = params.get('factFrom');
  const to = params.get('factTo');
  if (!isFigureFact(fact) || !isDateString(from) || !isDateString(to) || from > to) return null;
  const unitId = uuid(params.get('factUnitId'));
  return {
    fact,
    from,
    to,
    unitId,
    subtree: unitId !== null && params.get('factSubtree') === 'true',
    lineId: uuid(params.get('lineId')),
    type: oneOf(CASE_TYPES, params.get('type')),
    channel: oneOf(CHANNELS, params.get('channel')),
  };
}

export function writeFigureFilter(params: URLSearchParams, filter: FigureFilter | null): URLSearchParams {
  if (!filter) return params;
  params.set('fact', filter.fact);
  params.set('factFrom', filter.from);
  params.set('factTo', filter.to);
  if (filter.unitId) params.set('factUnitId', filter.unitId);
  if (filter.unitId && filter.subtree) params.set('factSubtree', 'true');
  if (filter.lineId) params.set('lineId', filter.lineId);
  if (filter.type) params.set('type', filter.type);
  if (filter.channel) params.set('channel', filter.channel);
  return params;
}

/** The case list showing exactly the cases behind this figure. */
export function figureHref(filter: Omit<FigureFilter, 'unitId' | 'subtree' | 'lineId' | 'type' | 'channel'> & Partial<FigureFilter>): string {
  const full: FigureFilter = { unitId: null, subtree: false, lineId: null, type: null, channel: null, ...filter };
  return `/cases?${writeFigureFilter(new URLSearchParams(), full).toString()}`;
}

/** The list API's parameters for the figure (the same names, omitted when not narrowed). */
export function figureListParams(filter: FigureFilter | null): Record<string, string | boolean | undefined> {
  if (!filter) return {};
  return {
    fact: filter.fact,
    factFrom: filter.from,
    factTo: filter.to,
    factUnitId: filter.unitId ?? undefined,
    factSubtree: filter.unitId && filter.subtree ? true : undefined,
    lineId: filter.lineId ?? undefined,
    type: filter.type ?? undefined,
    channel: filter.channel ?? undefined,
  };
}
