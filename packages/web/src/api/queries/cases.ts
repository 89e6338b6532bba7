import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { fetchCase, listCases, type CaseDetail, type CaseListParams } from '../cases';

/**
 * Query keys of case data. Every write to a case invalidates `all`, so lists, queues and the
 * case page refresh together; the desk and queue pages already use `list(params)`.
 */
export const caseKeys = {
  all: ['cases'] as const,
  list: (params: CaseListParams) => ['cases', 'list', params] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
};

/** A page of the case list; the previous page stays on screen while the next loads (no flashing table). */
export function useCaseList(params: CaseListParams) {
  return useQuery({ queryKey: caseKeys.list(params), queryFn: ({ signal }) => listCases(params, signal), placeholderData: keepPreviousData });
}

export function useCase(id: string) {
  return useQuery({ queryKey: caseKeys.detail(id), queryFn: ({ signal }) => fetchCase(id, signal) });
}

/**
 * After a case changed (an action, an edit): the server's answer, when it carries the case's new
 * state, replaces the cached copy at once (no second request); every list, queue count, the
 * supervision queues and the official's desk are marked stale, since a case moves between them.
 */
export function useCaseChanged() {
  const client = useQueryClient();
  return useCallback(
    (detail?: CaseDetail) => {
      if (detail) client.setQueryData(caseKeys.detail(detail.id), detail);
      const sameDetail = (key: readonly unknown[]) => detail !== undefined && key[1] === 'detail' && key[2] === detail.id;
      void client.invalidateQueries({ queryKey: caseKeys.all, predicate: (query) => !sameDetail(query.queryKey) });
      void client.invalidateQueries({ queryKey: ['supervision'] });
      void client.invalidateQueries({ queryKey: ['desk'] });
    },
    [client],
  );
}
