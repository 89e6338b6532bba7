/** Page and size of server-paginated tables, kept in the URL so reload, back and links agree. */
export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

export interface Paging {
  page: number;
  pageSize: number;
}

export function readPaging(params: URLSearchParams): Paging {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** Sets page and size on `params`, leaving defaults out so plain URLs stay plain. */
export function writePaging(params: URLSearchParams, paging: Paging): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete('page');
  next.delete('pageSize');
  if (paging.page !== 1) next.set('page', String(paging.page));
  if (paging.pageSize !== DEFAULT_PAGE_SIZE) next.set('pageSize', String(paging.pageSize));
  return next;
}

/**
 * The Table pagination of a URL-paged list: sizes from PAGE_SIZES, and a new page size starts
 * again from the first page (whatever page the old size was on may not exist any more).
 */
export function urlPagination(options: {
  paging: Paging;
  total: number;
  params: URLSearchParams;
  setParams: (next: URLSearchParams) => void;
}) {
  const { paging, params, setParams } = options;
  return {
    current: paging.page,
    pageSize: paging.pageSize,
    total: options.total,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES.map(String),
    placement: ['bottomEnd' as const],
    onChange: (page: number, pageSize: number) => setParams(writePaging(params, { page: pageSize === paging.pageSize ? page : 1, pageSize })),
  };
}
