import { describe, expect, it } from 'vitest';
import { figureHref } from '../../lib/figureFilter';
import { NO_FILTERS, moreFiltersSet, readCaseListQuery, toListParams, writeCaseListQuery } from './query';

describe('case list URL state', () => {
  it('defaults to the first page of 20, unfiltered', () => {
    expect(readCaseListQuery(new URLSearchParams())).toEqual({ page: 1, pageSize: 20, ...NO_FILTERS });
  });

  it('reads valid values', () => {
    expect(readCaseListQuery(new URLSearchParams('page=3&pageSize=50'))).toMatchObject({ page: 3, pageSize: 50 });
  });

  it('ignores nonsense instead of sending it to the API', () => {
    expect(readCaseListQuery(new URLSearchParams('page=-1&pageSize=100000'))).toMatchObject({ page: 1, pageSize: 20 });
    expect(readCaseListQuery(new URLSearchParams('page=2.5&pageSize=abc'))).toMatchObject({ page: 1, pageSize: 20 });
    expect(readCaseListQuery(new URLSearchParams('status=closed,nope,closed&from=2026-13-45&to=yesterday'))).toMatchObject({
      statuses: ['closed'],
      from: null,
      to: null,
    });
  });

  it('carries "received before" from a window that ended (ADR 0062) as the API\'s `to`, the earlier of it and the last day', () => {
    const before = '2026-11-20T03:04:05.678Z';
    const query = readCaseListQuery(new URLSearchParams(`before=${before}&phone=13812340000`));
    expect(query.before).toBe(before);
    expect(writeCaseListQuery(query).get('before')).toBe(before);
    expect(toListParams(query).to).toBe(before);
    // The day picker's end (Beijing) wins when it is earlier.
    expect(toListParams({ ...query, to: '2026-11-10' }).to).toBe('2026-11-10T16:00:00.000Z');
    expect(toListParams({ ...query, to: '2026-11-25' }).to).toBe(before);
    expect(readCaseListQuery(new URLSearchParams('before=yesterday')).before).toBeUndefined();
  });

  it('keeps default values out of the URL', () => {
    expect(writeCaseListQuery({ page: 1, pageSize: 20 }).toString()).toBe('');
    expect(writeCaseListQuery({ page: 2, pageSize: 50 }).toString()).toBe('page=2&pageSize=50');
    expect(writeCaseListQuery({ page: 1, pageSize: 20, ...NO_FILTERS }).toString()).toBe('');
  });

  it('round-trips the filters', () => {
    const query = {
      page: 2, pageSize: 20, statuses: ['dispatched', 'returned'], overdue: true, q: '路灯', phone: '+86 138-1234-0000', from: '2026-11-01', to: '2026-11-28',
      callerName: '阿依古丽·买买提', unitId: '6f05077d-e511-4c1d-880d-835b81213ac7', type: 'complaint', channel: 'web', lineId: '7a05077d-e511-4c1d-880d-835b81213ac7',
      urgency: 'urgent', priorityBand: 'P1', openInstruction: true, figure: null,
    };
    expect(readCaseListQuery(writeCaseListQuery(query))).toEqual(query);
  });
});

describe('caller phone in the URL', () => {
  it('round-trips the number as typed and passes it to the API', () => {
    const params = writeCaseListQuery({ page: 1, pageSize: 20, ...NO_FILTERS, phone: ' 138-1234-0000 ' });
    expect(params.toString()).toBe('phone=138-1234-0000');
    const read = readCaseListQuery(params);
    expect(read.phone).toBe('138-1234-0000');
    expect(toListParams(read).phone).toBe('138-1234-0000');
    expect(toListParams(readCaseListQuery(new URLSearchParams())).phone).toBeUndefined();
  });
});

describe('toListParams', () => {
  it('turns Beijing days into the instants that bound them', () => {
    const query = readCaseListQuery(new URLSearchParams('from=2026-11-01&to=2026-11-28'));
    // Beijing is UTC+8 all year: its 1 November starts at 16:00 UTC the day before.
    expect(toListParams(query)).toMatchObject({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-28T16:00:00.000Z' });
  });

  it('leaves out what is not filtered', () => {
    expect(toListParams(readCaseListQuery(new URLSearchParams()))).toMatchObject({ q: undefined, from: undefined, to: undefined });
  });
});

describe('the figure a list came from', () => {
  const unit = '6f05077d-e511-4c1d-880d-835b81213ac7';
  const figure = { fact: 'returns' as const, from: '2026-11-01', to: '2026-11-30', unitId: unit, subtree: true, lineId: null, type: 'complaint', channel: 'phone' };

  it('round-trips through the URL beside the other filters', () => {
    // The figure's type and channel are the list's own type and channel filters (one parameter each).
    const query = { page: 1, pageSize: 20, ...NO_FILTERS, statuses: ['closed'], type: 'complaint', channel: 'phone', figure };
    const params = writeCaseListQuery(query);
    expect(params.toString()).toBe(
      `status=closed&fact=returns&factFrom=2026-11-01&factTo=2026-11-30&factUnitId=${unit}&factSubtree=true&type=complaint&channel=phone`,
    );
    expect(readCaseListQuery(params)).toEqual(query);
  });

  it('reads the dashboard’s link and passes it to the API under the same names', () => {
    const query = readCaseListQuery(new URLSearchParams(figureHref({ fact: 'overdue', from: '2026-11-01', to: '2026-11-30', unitId: unit }).split('?')[1]));
    expect(query.figure).toEqual({ fact: 'overdue', from: '2026-11-01', to: '2026-11-30', unitId: unit, subtree: false, lineId: null, type: null, channel: null });
    expect(toListParams(query)).toMatchObject({ fact: 'overdue', factFrom: '2026-11-01', factTo: '2026-11-30', factUnitId: unit, factSubtree: undefined });
  });

  it('drops an incomplete or unknown figure instead of sending it', () => {
    const read = (text: string) => readCaseListQuery(new URLSearchParams(text)).figure;
    expect(read('fact=returns&factFrom=2026-11-01')).toBeNull();
    expect(read('fact=nonsense&factFrom=2026-11-01&factTo=2026-11-30')).toBeNull();
    expect(read('fact=returns&factFrom=2026-11-30&factTo=2026-11-01')).toBeNull();
    expect(read('fact=returns&factFrom=2026-11-01&factTo=2026-11-30&factUnitId=../x&type=bribe&factSubtree=true')).toEqual({
      fact: 'returns', from: '2026-11-01', to: '2026-11-30', unitId: null, subtree: false, lineId: null, type: null, channel: null,
    });
    expect(toListParams(readCaseListQuery(new URLSearchParams('fact=returns')))).not.toHaveProperty('fact');
  });
});

describe('category in the URL', () => {
  it('round-trips a category id, passes it to the API and drops a malformed one', () => {
    const id = '6f05077d-e511-4c1d-880d-835b81213ac7';
    const params = writeCaseListQuery({ page: 1, pageSize: 20, ...NO_FILTERS, categoryId: id });
    expect(params.toString()).toBe(`categoryId=${id}`);
    expect(toListParams(readCaseListQuery(params))).toMatchObject({ categoryId: id });
    expect(readCaseListQuery(new URLSearchParams('categoryId=abc')).categoryId).toBeUndefined();
  });
});

describe('the filters behind "more filters"', () => {
  it('drops unknown codes and ids instead of sending them', () => {
    expect(readCaseListQuery(new URLSearchParams('type=nope&channel=fax&urgency=panic&priorityBand=P9&unitId=abc&lineId=1'))).toMatchObject({
      type: null, channel: null, urgency: null, priorityBand: null, unitId: null, lineId: null,
    });
  });

  it('counts how many are set, so the folded bar can say so', () => {
    expect(moreFiltersSet(NO_FILTERS)).toBe(0);
    expect(moreFiltersSet({ ...NO_FILTERS, urgency: 'urgent', openInstruction: true })).toBe(2);
  });

  it('lets the bar clear a type a figure brought, and passes the bar’s values to the API', () => {
    const fromFigure = readCaseListQuery(new URLSearchParams('fact=returns&factFrom=2026-11-01&factTo=2026-11-30&type=complaint'));
    expect(fromFigure.type).toBe('complaint');
    const cleared = writeCaseListQuery({ ...fromFigure, type: null });
    expect(cleared.get('type')).toBeNull();
    expect(cleared.get('fact')).toBe('returns');
    expect(toListParams(readCaseListQuery(cleared)).type).toBeUndefined();
    expect(toListParams({ ...readCaseListQuery(new URLSearchParams()), callerName: '张三', priorityBand: 'P0' })).toMatchObject({ callerName: '张三', priorityBand: 'P0' });
  });
});
