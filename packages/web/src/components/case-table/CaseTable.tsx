import { Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, Page } from '../../api/cases';
import { useNow } from '../../lib/useNow';
import { PAGE_SIZES } from '../../lib/paging';
import { ALL_CASE_COLUMNS, caseColumns, type CaseColumnKey } from './columns';
import { caseTotalKey, pagerTotal } from './caseTotal';

interface CaseTableProps {
  data: Page<CaseSummary> | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  onPageChange: (page: number, pageSize: number) => void;
  columns?: readonly CaseColumnKey[];
  /** Row actions and the like, after the standard columns. */
  extraColumns?: TableColumnsType<CaseSummary>;
  emptyText?: string;
  testId?: string;
}

/** The server-paginated case table shared by the list, the workbench and the supervision pages. */
export function CaseTable({
  data,
  loading,
  page,
  pageSize,
  onPageChange,
  columns = ALL_CASE_COLUMNS,
  extraColumns = [],
  emptyText,
  testId,
}: CaseTableProps) {
  const { t } = useTranslation();
  const now = useNow();
  // `t` changes identity when the language changes, which re-translates the headers.
  const tableColumns = useMemo(() => [...caseColumns(t, now, columns), ...extraColumns], [t, now, columns, extraColumns]);

  return (
    <div data-testid={testId} className="case-table">
      <Table<CaseSummary>
        rowKey="id"
        size="middle"
        columns={tableColumns}
        dataSource={data?.items ?? []}
        loading={loading}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: emptyText ?? t('cases.empty') }}
        pagination={{
          current: page,
          pageSize,
          total: pagerTotal(data, page, pageSize),
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal: () => t(data ? caseTotalKey(data) : 'cases.total', { total: data?.total ?? 0 }),
          placement: ['bottomEnd'],
          // A new page size starts from the first page, where the newest cases are.
          onChange: (nextPage, nextSize) => onPageChange(nextSize === pageSize ? nextPage : 1, nextSize),
        }}
      />
    </div>
  );
}
