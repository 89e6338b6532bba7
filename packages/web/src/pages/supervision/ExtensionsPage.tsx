import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { listExtensions, type ExtensionRequest } from '../../api/supervision';
import { ActionModal } from '../../components/case-actions/ActionModal';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { actionLabel } from '../../i18n/labels';
import { readPaging, urlPagination } from '../../lib/paging';
import { formatCityTime } from '../../lib/time';
import { useExpireOnUnauthenticated } from '../../session/context';
import { supervisionKeys } from './queryKeys';

/** 延期审批: extension requests oldest first, ruled on with the lifecycle's approve / reject forms. */
export default function ExtensionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const paging = readPaging(params);
  const requests = useQuery({ queryKey: supervisionKeys.extensions(paging), queryFn: ({ signal }) => listExtensions(paging, signal) });
  useExpireOnUnauthenticated(requests.error);
  const [ruling, setRuling] = useState<{ row: ExtensionRequest; action: 'extension_approve' | 'extension_reject' } | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: supervisionKeys.all });

  const columns: TableColumnsType<ExtensionRequest> = [
    {
      key: 'caseNumber',
      title: t('supervisionActs.extensions.columns.caseNumber'),
      dataIndex: 'caseNumber',
      width: 160,
      render: (value: string, row) => (
        <Link to={`/cases/${row.caseId}`} className="mono">
          {value}
        </Link>
      ),
    },
    { key: 'unit', title: t('supervisionActs.extensions.columns.unit'), dataIndex: 'leadUnitName', width: 150, render: (v: string | null) => v ?? t('common.none') },
    { key: 'days', title: t('supervisionActs.extensions.columns.days'), dataIndex: 'workingDays', width: 120, render: (n: number) => t('supervisionActs.extensions.days', { count: n }) },
    { key: 'reason', title: t('supervisionActs.extensions.columns.reason'), dataIndex: 'reason', width: 280, render: (v: string | null) => v ?? t('common.none') },
    { key: 'requestedAt', title: t('supervisionActs.extensions.columns.requestedAt'), dataIndex: 'requestedAt', width: 150, render: (v: string | null) => (v ? formatCityTime(v) : t('common.none')) },
    { key: 'resolveDueAt', title: t('supervisionActs.extensions.columns.resolveDueAt'), dataIndex: 'resolveDueAt', width: 150, render: (v: string | null) => (v ? formatCityTime(v) : t('common.none')) },
    {
      key: 'actions',
      title: t('supervisionActs.extensions.columns.actions'),
      fixed: 'end',
      width: 190,
      render: (_: unknown, row) => (
        <Flex gap="small">
          <Button size="small" type="primary" onClick={() => setRuling({ row, action: 'extension_approve' })} data-testid="extension-approve">
            {actionLabel(t, 'extension_approve')}
          </Button>
          <Button size="small" danger onClick={() => setRuling({ row, action: 'extension_reject' })} data-testid="extension-reject">
            {actionLabel(t, 'extension_reject')}
          </Button>
        </Flex>
      ),
    },
  ];

  const title = t('supervisionActs.extensions.title');
  return (
    <Panel
      title={title}
      extra={
        <Button onClick={() => void requests.refetch()} loading={requests.isFetching}>
          {t('common.refresh')}
        </Button>
      }
    >
      <PageTitle title={title} />
      <Typography.Paragraph type="secondary">
        {t('supervisionActs.extensions.intro')} {t('cases.timeZoneHint')}
      </Typography.Paragraph>
      <LoadError error={requests.error} onRetry={() => void requests.refetch()} />
      <div data-testid="extensions-table" className="case-table">
        <Table<ExtensionRequest>
          rowKey="caseId"
          size="middle"
          columns={columns}
          dataSource={requests.data?.items ?? []}
          loading={requests.isPending}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('supervisionActs.extensions.empty') }}
          pagination={urlPagination({ paging, total: requests.data?.total ?? 0, params, setParams })}
        />
      </div>
      {ruling && (
        <ActionModal
          caseId={ruling.row.caseId}
          caseNumber={ruling.row.caseNumber}
          action={ruling.action}
          onCancel={() => setRuling(null)}
          onStale={() => {
            setRuling(null);
            refresh();
          }}
          onDone={() => {
            void message.success(t('supervisionActs.extensions.ruled', { caseNumber: ruling.row.caseNumber }));
            setRuling(null);
            refresh();
          }}
        />
      )}
    </Panel>
  );
}
