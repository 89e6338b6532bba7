import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listPetitions, petitionKeys, PETITION_STATUSES, type PetitionStatus, type PetitionSummary } from '../../api/petitions';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { formatCityTime } from '../../lib/time';
import { useExpireOnUnauthenticated } from '../../session/context';
import { PetitionDrawer } from './PetitionDrawer';
import { PetitionGaps } from './PetitionGaps';

/** 待补全信访短信: petitions from the SMS-only line still missing a field; operators complete them by phone. */
export default function PetitionsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<PetitionStatus>('pending');
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuery({ queryKey: petitionKeys.list(status), queryFn: ({ signal }) => listPetitions(status, signal) });
  useExpireOnUnauthenticated(list.error);

  const columns: TableColumnsType<PetitionSummary> = [
    { key: 'receivedAt', title: t('petitions.columns.receivedAt'), dataIndex: 'receivedAt', width: 150, render: (v: string) => <time dateTime={v}>{formatCityTime(v)}</time> },
    { key: 'from', title: t('petitions.columns.from'), dataIndex: 'from', width: 130, render: (v: string | null) => <span className="mono">{v ?? t('cases.callerProtected')}</span> },
    { key: 'unit', title: t('petitions.columns.unit'), width: 160, render: (_: unknown, row) => row.unit?.name ?? <Typography.Text type="secondary">{t('petitions.none')}</Typography.Text> },
    { key: 'gaps', title: t('petitions.columns.gaps'), width: 260, render: (_: unknown, row) => <PetitionGaps missing={row.missing} invalid={row.invalid} /> },
    { key: 'parts', title: t('petitions.columns.parts'), dataIndex: 'parts', width: 80 },
    status === 'opened'
      ? { key: 'case', title: t('petitions.columns.caseNumber'), width: 150, render: (_: unknown, row) => (row.caseId ? <Link to={`/cases/${row.caseId}`} className="mono">{row.caseNumber}</Link> : null) }
      : { key: 'expiresAt', title: t('petitions.columns.expiresAt'), dataIndex: 'expiresAt', width: 150, render: (v: string) => <time dateTime={v}>{formatCityTime(v)}</time> },
    {
      key: 'actions',
      title: t('petitions.columns.actions'),
      fixed: 'end',
      width: 90,
      render: (_: unknown, row) => (
        <Button size="small" type={row.status === 'pending' ? 'primary' : 'default'} onClick={() => setOpenId(row.id)} data-testid="petition-open">
          {t('petitions.open')}
        </Button>
      ),
    },
  ];

  return (
    <Panel
      title={t('petitions.title')}
      extra={
        <Segmented<PetitionStatus>
          value={status}
          onChange={setStatus}
          options={PETITION_STATUSES.map((value) => ({ value, label: t(`petitions.status.${value}`) }))}
          data-testid="petition-status"
        />
      }
    >
      <PageTitle title={t('petitions.title')} />
      <Typography.Paragraph type="secondary">
        {t('petitions.intro')} {t('cases.timeZoneHint')}
      </Typography.Paragraph>
      <LoadError error={list.error} onRetry={() => void list.refetch()} />
      <div data-testid="petitions-table" className="case-table">
        <Table<PetitionSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isPending}
          scroll={{ x: 'max-content' }}
          pagination={false}
          locale={{ emptyText: <Empty description={t('petitions.empty')} /> }}
        />
      </div>
      {openId && <PetitionDrawer id={openId} onClose={() => setOpenId(null)} />}
    </Panel>
  );
}
