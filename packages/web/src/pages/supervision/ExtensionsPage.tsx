import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { listExtensions, type ExtensionRequest } from '../../api/supervision';
import { ActionModal } from '../../components/case-actions/ActionModal';
import { caseNumberColumn, SupervisionTable } from '../../components/supervision/SupervisionTable';
import { actionLabel } from '../../i18n/labels';
import { readPaging } from '../../lib/paging';
import { formatCityTime } from '../../lib/time';
import { useExpireOnUnauthenticated } from '../../session/context';
import { supervisionKeys } from './queryKeys';

/** 延期审批: extension requests oldest first, ruled on with the lifecycle's approve / reject forms. */
export default function ExtensionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const paging = readPaging(params);
  const requests = useQuery({ queryKey: supervisionKeys.extensions(paging), queryFn: ({ signal }) => listExtensions(paging, signal) });
  useExpireOnUnauthenticated(requests.error);
  const [ruling, setRuling] = useState<{ row: ExtensionRequest; action: 'extension_approve' | 'extension_reject' } | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: supervisionKeys.all });

  const columns: TableColumnsType<ExtensionRequest> = [
    caseNumberColumn<ExtensionRequest>(t('supervisionActs.extensions.columns.caseNumber')),
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

  return (
    <SupervisionTable
      title={t('supervisionActs.extensions.title')}
      intro={t('supervisionActs.extensions.intro')}
      query={requests}
      columns={columns}
      rowKey="caseId"
      testId="extensions-table"
      emptyText={t('supervisionActs.extensions.empty')}
    >
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
    </SupervisionTable>
  );
}
