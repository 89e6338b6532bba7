import { useQuery } from '@tanstack/react-query';
import { Empty, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { publicAnswerRates, type PublicAnswerRate } from '../../api/coldLines';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { compareRates, formatAnswerRate } from '../../lib/rates';
import { formatCityTime } from '../../lib/time';

/**
 * 各热线接通率 (issue 10 §4): every published line with its rolling 24 h and its month so far,
 * no login. Tip lines are listed without figures (ADR 0006).
 */
export default function AnswerRatesPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['public', 'answer-rates'], queryFn: ({ signal }) => publicAnswerRates(signal) });
  const rate = (r: number | null | undefined) => (r === null || r === undefined ? t('answerRates.noData') : formatAnswerRate(r));
  const month = query.data?.month ?? '';

  const columns: TableColumnsType<PublicAnswerRate> = [
    {
      key: 'line', title: t('answerRates.line'),
      render: (_: unknown, row) => (
        <>
          <div className="mono">{row.number}</div>
          <div>{row.name}</div>
          <Typography.Text type="secondary">{row.ownerName ? `${row.ownerTitle} ${row.ownerName}` : row.ownerTitle}</Typography.Text>
        </>
      ),
    },
    {
      key: 'current', title: t('answerRates.current'),
      sorter: (a, b) => compareRates(a.current?.answerRate ?? null, b.current?.answerRate ?? null),
      render: (_: unknown, row) => {
        if (!row.current) return <Typography.Text type="secondary">{t('answerRates.tipLine')}</Typography.Text>;
        const c = row.current;
        return (
          <span data-testid="answer-rate-current" data-cold={String(c.cold)}>
            <Tooltip title={row.thresholds ? t('answerRates.threshold', { answerRate: formatAnswerRate(row.thresholds.answerRate), promptRate: formatAnswerRate(row.thresholds.promptRate), seconds: row.thresholds.promptSeconds }) : undefined}>
              <Typography.Text strong type={c.cold ? 'danger' : undefined}>{rate(c.answerRate)}</Typography.Text>
            </Tooltip>{' '}
            {c.cold && (
              <Tooltip title={c.coldSince ? t('answerRates.coldSince', { time: formatCityTime(c.coldSince) }) : undefined}>
                <Tag color="red" data-testid="answer-rate-cold">{t('lines.cold')}</Tag>
              </Tooltip>
            )}
            {c.offered > 0 && !c.judged && (
              <Tooltip title={row.thresholds ? t('answerRates.tooFewHint', { count: row.thresholds.minOffered ?? 0 }) : undefined}>
                <Tag data-testid="answer-rate-too-few">{t('answerRates.tooFew')}</Tag>
              </Tooltip>
            )}
            {c.offered > 0 && (
              <div>
                <Typography.Text type="secondary">{t('answerRates.callsSummary', { offered: c.offered, answered: c.answered, calledBack: c.calledBack, missed: c.missed })}</Typography.Text>
              </div>
            )}
          </span>
        );
      },
    },
    { key: 'prompt', title: t('answerRates.prompt'), width: 130, render: (_: unknown, row) => (row.current ? rate(row.current.answeredWithin15sRate) : '') },
    {
      key: 'month', title: t('answerRates.month', { month }),
      sorter: (a, b) => compareRates(a.month?.answerRate ?? null, b.month?.answerRate ?? null),
      render: (_: unknown, row) =>
        row.month ? (
          <span data-testid="answer-rate-month">
            {rate(row.month.answerRate)}
            {row.month.offered > 0 && (
              <div>
                <Typography.Text type="secondary">{t('answerRates.monthSummary', { offered: row.month.offered, answered: row.month.answered })}</Typography.Text>
              </div>
            )}
          </span>
        ) : '',
    },
  ];

  // The oldest snapshot shown (the worker refreshes every line each minute, ADR 0041).
  const asOf = (query.data?.items ?? []).flatMap((i) => (i.current ? [i.current.computedAt] : [])).sort()[0];

  return (
    <Panel title={t('answerRates.title')}>
      <PageTitle title={t('answerRates.title')} />
      <Typography.Paragraph type="secondary">{t('answerRates.intro')}</Typography.Paragraph>
      {asOf && <Typography.Paragraph type="secondary" data-testid="answer-rates-as-of">{t('answerRates.asOf', { time: formatCityTime(asOf) })}</Typography.Paragraph>}
      <Typography.Paragraph><Link to="/lines">{t('lines.title')}</Link></Typography.Paragraph>
      <LoadError error={query.isError ? query.error : null} title={t('answerRates.loadFailed')} onRetry={() => void query.refetch()} />
      {query.isSuccess && query.data.items.length === 0 ? (
        <Empty description={t('answerRates.empty')} />
      ) : (
        <Table<PublicAnswerRate>
          rowKey="id" size="middle" columns={columns} dataSource={query.data?.items ?? []} loading={query.isPending} pagination={false}
          onRow={(row) => ({ 'data-testid': 'answer-rate-row', 'data-line-id': row.id }) as React.HTMLAttributes<HTMLElement>}
          scroll={{ x: true }}
        />
      )}
    </Panel>
  );
}
