import { useEffect } from 'react';
import type { Page } from '../../api/cases';

/**
 * Cases were closed or merged away since the link was made, so the page in the URL is past the
 * end: move to the last page that exists instead of showing an empty table.
 */
export function useLastPageGuard(
  data: Page<unknown> | undefined,
  page: number,
  pageSize: number,
  goTo: (page: number) => void,
): void {
  useEffect(() => {
    if (data && data.items.length === 0 && data.total > 0 && page > 1) {
      goTo(Math.max(1, Math.ceil(data.total / pageSize)));
    }
  }, [data, page, pageSize, goTo]);
}
