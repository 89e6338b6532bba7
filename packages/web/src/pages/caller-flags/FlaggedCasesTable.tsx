import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFlaggedCases, type FlaggedCase } from '../../api/callerFlags';
import { LoadError } from '../../components/LoadError';
import { StatusTag } from '../../components/StatusTag';
import { caseTypeLabel } from '../../i18n/labels';
import { formatCityTime } from '../../lib/time';

/** The designated handler's queue: flagged callers' open cases, still with their units and deadlines. */
export function FlaggedCasesTable() {
  const { t } = useTranslation();
  const list = useFlaggedCases();
  const columns: TableColumnsType<FlaggedCase> = [
    { title: t('callerFlags.caseNumber'), dataIndex: 'caseNumber', width: 170, render: (v: string, c) => <Link to={`/cases/${c.caseId}`}>{v}</Link> },
    { title: t('callerFlags.phone'), dataIndex: 'callerPhone', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t('callerFlags.status'), dataIndex: 'status', width: 110, render: (v: string) => <StatusTag status={v} /> },
    { title: t('callerFlags.type'), dataIndex: 'type', width: 90, render: (v: string) => caseTypeLabel(t, v) },
    { title: t('callerFlags.summary'), dataIndex: 'summary' },
    { title: t('callerFlags.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatCityTime(v) },
  ];
  return (
    <>
      <p>{t('callerFlags.casesHelp')}</p>
      <LoadError error={list.error} onRetry={() => void list.refetch()} />
      <Table<FlaggedCase>
        rowKey="caseId"
        size="small"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: t('callerFlags.noCases') }}
        data-testid="caller-flags-cases"
      />
    </>
  );
}
