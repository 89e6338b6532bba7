import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { listCases, type CaseListParams } from '../../api/cases';
import { readPaging, writePaging } from '../../lib/paging';
import { useRemote } from '../../lib/useRemote';
import { useExpireOnUnauthenticated } from '../../session/context';
import { useLastPageGuard } from './useLastPageGuard';

/**
 * A fixed view of the case list (a queue, the overdue cases, …) with its page in the URL. The
 * server scopes every list to what the user may see, so `filters` only narrows it further.
 */
export function usePagedCases(filters: Omit<CaseListParams, 'page' | 'pageSize'>) {
  const [params, setParams] = useSearchParams();
  const paging = readPaging(params);
  const query: CaseListParams = { ...filters, ...paging };
  const cases = useRemote(JSON.stringify(query), (signal) => listCases(query, signal));
  useExpireOnUnauthenticated(cases.status === 'error' ? cases.error : null);

  const goTo = useCallback(
    (page: number, pageSize?: number) =>
      setParams((current) => writePaging(current, { page, pageSize: pageSize ?? readPaging(current).pageSize })),
    [setParams],
  );
  const data = 'data' in cases ? cases.data : undefined;
  useLastPageGuard(data, paging.page, paging.pageSize, goTo);
  return { cases, data, paging, goTo };
}
