import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { monthDays } from '@openline/core';
import { Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchReturns, type ReturnsItem } from '../../api/reports';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { useExpireOnUnauthenticated } from '../../session/context';
import { MonthField, useMonthParam } from './MonthField';
import { percent } from './month';

/** 退单分析: returns and arbitrations per unit over a month, and who arbitration found right. */
export default function ReturnsPage() {
  const { t } = useTranslation();
  const [month, setMonth] = useMonthParam();
  const { from, to } = monthDays(month);
  const remote = useQuery({ queryKey: ['reports', 'returns', from, to], queryFn: ({ signal }) => fetchReturns(from, to, signal), placeholderData: keepPreviousData });
  useExpireOnUnauthenticated(remote.error);
  const items = remote.data?.items ?? [];
  const sorted = [...items].sort((a, b) => (b.returnRate ?? -1) - (a.returnRate ?? -1) || b.returns - a.returns);

  const columns: TableColumnsType<ReturnsItem> = [
    { key: 'unit', title: t('returnsReport.unit'), dataIndex: 'unitName' },
    { key: 'dispatched', title: t('returnsReport.dispatched'), dataIndex: 'dispatched', width: 110 },
    { key: 'returns', title: t('returnsReport.returns'), dataIndex: 'returns', width: 90 },
    { key: 'rate', title: t('returnsReport.returnRate'), width: 100, render: (_: unknown, r) => percent(r.returnRate) },
    { key: 'arbitrations', title: t('returnsReport.arbitrations'), dataIndex: 'arbitrations', width: 110 },
    { key: 'right', title: t('returnsReport.right'), dataIndex: 'returningUnitRight', width: 150 },
    { key: 'wrong', title: t('returnsReport.wrong'), dataIndex: 'returningUnitWrong', width: 150 },
  ];
  return (
    <Panel title={t('returnsReport.title')}>
      <PageTitle title={t('returnsReport.title')} />
      <Typography.Paragraph type="secondary">{t('returnsReport.intro')}</Typography.Paragraph>
      <div className="form-alert">
        <MonthField month={month} onChange={setMonth} />
      </div>
      <LoadError error={remote.error} onRetry={() => void remote.refetch()} />
      <div data-testid="returns-table">
        <Table<ReturnsItem>
          rowKey="unitId"
          size="small"
          columns={columns}
          dataSource={sorted}
          loading={remote.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('returnsReport.empty') }}
        />
      </div>
    </Panel>
  );
}
