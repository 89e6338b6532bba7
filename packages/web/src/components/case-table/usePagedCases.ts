import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import type { CaseListParams } from '../../api/cases';
import { useCaseList } from '../../api/queries/cases';
import { readPaging, writePaging } from '../../lib/paging';
import { useExpireOnUnauthenticated } from '../../session/context';
import { useLastPageGuard } from './useLastPageGuard';

/**
 * A fixed view of the case list (a queue, the overdue cases, …) with its page in the URL. The
 * server scopes every list to what the user may see, so `filters` only narrows it further.
 */
export function usePagedCases(filters: Omit<CaseListParams, 'page' | 'pageSize'>) {
  const [params, setParams] = useSearchParams();
  const paging = readPaging(params);
  const cases = useCaseList({ ...filters, ...paging });
  useExpireOnUnauthenticated(cases.error);

  const goTo = useCallback(
    (page: number, pageSize?: number) =>
      setParams((current) => writePaging(current, { page, pageSize: pageSize ?? readPaging(current).pageSize })),
    [setParams],
  );
  const { data, refetch } = cases;
  useLastPageGuard(data, paging.page, paging.pageSize, goTo);
  const reload = useCallback(() => void refetch(), [refetch]);
  return { cases, data, paging, goTo, reload };
}
