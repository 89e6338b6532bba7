import { describe, expect, it } from 'vitest';
import { readCaseListQuery, writeCaseListQuery } from './query';

describe('case list URL state', () => {
  it('defaults to the first page of 20', () => {
    expect(readCaseListQuery(new URLSearchParams())).toEqual({ page: 1, pageSize: 20 });
  });

  it('reads valid values', () => {
    expect(readCaseListQuery(new URLSearchParams('page=3&pageSize=50'))).toEqual({ page: 3, pageSize: 50 });
  });

  it('ignores nonsense instead of sending it to the API', () => {
    expect(readCaseListQuery(new URLSearchParams('page=-1&pageSize=100000'))).toEqual({ page: 1, pageSize: 20 });
    expect(readCaseListQuery(new URLSearchParams('page=2.5&pageSize=abc'))).toEqual({ page: 1, pageSize: 20 });
  });

  it('keeps default values out of the URL', () => {
    expect(writeCaseListQuery({ page: 1, pageSize: 20 }).toString()).toBe('');
    expect(writeCaseListQuery({ page: 2, pageSize: 50 }).toString()).toBe('page=2&pageSize=50');
  });
});
