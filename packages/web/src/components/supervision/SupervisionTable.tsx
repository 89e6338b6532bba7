import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadError } from '../LoadError';
import { PageTitle } from '../PageTitle';
import { Panel } from '../Panel';
import { readPaging, urlPagination } from '../../lib/paging';

/** The case-number column every supervision list starts with: a link to the case. */
export function caseNumberColumn<Row extends { caseId: string; caseNumber: string }>(title: string): TableColumnsType<Row>[number] {
  return {
    key: 'caseNumber',
    title,
    dataIndex: 'caseNumber',
    width: 160,
    render: (value: string, row: Row) => (
      <Link to={`/cases/${row.caseId}`} className="mono">
        {value}
      </Link>
    ),
  };
}

interface SupervisionTableProps<Row> {
  title: string;
  intro: string;
  /** Controls beside the refresh button (filters). */
  extra?: ReactNode;
  query: UseQueryResult<{ items: Row[]; total: number }>;
  columns: TableColumnsType<Row>;
  rowKey: keyof Row & string;
  testId: string;
  emptyText: string;
  children?: ReactNode;
}

/** A paged supervision list read with TanStack Query: title, intro, refresh, error, URL paging. */
export function SupervisionTable<Row extends object>({ title, intro, extra, query, columns, rowKey, testId, emptyText, children }: SupervisionTableProps<Row>) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const paging = readPaging(params);
  return (
    <Panel
      title={title}
      extra={
        <Flex gap="middle" align="center" wrap>
          {extra}
          <Button onClick={() => void query.refetch()} loading={query.isFetching}>
            {t('common.refresh')}
          </Button>
        </Flex>
      }
    >
      <PageTitle title={title} />
      <Typography.Paragraph type="secondary">
        {intro} {t('cases.timeZoneHint')}
      </Typography.Paragraph>
      <LoadError error={query.error} onRetry={() => void query.refetch()} />
      <div data-testid={testId} className="case-table">
        <Table<Row>
          rowKey={rowKey}
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isPending}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText }}
          pagination={urlPagination({ paging, total: query.data?.total ?? 0, params, setParams })}
        />
      </div>
      {children}
    </Panel>
  );
}
