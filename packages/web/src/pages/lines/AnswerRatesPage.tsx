import { useQuery } from '@tanstack/react-query';
import { Empty, Grid, Spin, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { publicAnswerRates, type PublicAnswerRate } from '../../api/coldLines';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { compareRates } from '../../lib/rates';
import { formatCityTime, formatMonth } from '../../lib/time';
import { AnswerRateCards } from './AnswerRateCards';
import { CurrentCell, LineCell, MonthCell, PromptCell } from './AnswerRateCells';

/**
 * 各热线接通率 (issue 10 §4): every published line with its rolling 24 h and its month so far,
 * no login. Tip lines are listed without figures (ADR 0006).
 */
export default function AnswerRatesPage() {
  const { t, i18n } = useTranslation();
  const query = useQuery({ queryKey: ['public', 'answer-rates'], queryFn: ({ signal }) => publicAnswerRates(signal) });
  // Citizens read this page on phones: there a card per line, a table with sorting from md up.
  const wide = Grid.useBreakpoint().md === true;
  const monthTitle = t('answerRates.month', { month: formatMonth(query.data?.month ?? '', i18n.language) });
  const items = query.data?.items ?? [];

  const columns: TableColumnsType<PublicAnswerRate> = [
    { key: 'line', title: t('answerRates.line'), render: (_: unknown, row) => <LineCell row={row} /> },
    {
      key: 'current', title: t('answerRates.current'),
      sorter: (a, b) => compareRates(a.current?.answerRate ?? null, b.current?.answerRate ?? null),
      render: (_: unknown, row) => <CurrentCell row={row} />,
    },
    { key: 'prompt', title: t('answerRates.prompt'), width: 130, render: (_: unknown, row) => <PromptCell row={row} /> },
    {
      key: 'month', title: monthTitle,
      sorter: (a, b) => compareRates(a.month?.answerRate ?? null, b.month?.answerRate ?? null),
      render: (_: unknown, row) => <MonthCell row={row} />,
    },
  ];

  // The oldest snapshot shown (the worker refreshes every line each minute, ADR 0041).
  const asOf = items.flatMap((i) => (i.current ? [i.current.computedAt] : [])).sort()[0];

  const figures = wide ? (
    <Table<PublicAnswerRate>
      rowKey="id" size="middle" columns={columns} dataSource={items} loading={query.isPending} pagination={false}
      onRow={(row) => ({ 'data-testid': 'answer-rate-row', 'data-line-id': row.id }) as React.HTMLAttributes<HTMLElement>}
      scroll={{ x: true }}
    />
  ) : (
    <Spin spinning={query.isPending}>
      <AnswerRateCards items={items} monthTitle={monthTitle} />
    </Spin>
  );

  return (
    <Panel title={t('answerRates.title')}>
      <PageTitle title={t('answerRates.title')} />
      <Typography.Paragraph type="secondary">{t('answerRates.intro')}</Typography.Paragraph>
      {asOf && <Typography.Paragraph type="secondary" data-testid="answer-rates-as-of">{t('answerRates.asOf', { time: formatCityTime(asOf) })}</Typography.Paragraph>}
      <Typography.Paragraph><Link to="/lines">{t('lines.title')}</Link></Typography.Paragraph>
      <LoadError error={query.isError ? query.error : null} title={t('answerRates.loadFailed')} onRetry={() => void query.refetch()} />
      {query.isSuccess && items.length === 0 ? <Empty description={t('answerRates.empty')} /> : figures}
    </Panel>
  );
}
