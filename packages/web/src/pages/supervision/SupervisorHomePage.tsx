import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchQueues, type SupervisorQueues } from '../../api/supervision';
import { ButtonLink } from '../../components/ButtonLink';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { Section } from '../../components/Section';
import { useExpireOnUnauthenticated } from '../../session/context';
import { supervisionKeys } from './queryKeys';

type CountKey = Exclude<keyof SupervisorQueues, 'overdueByUnit'>;

/** Each count and the page where its work is done. */
const QUEUES: ReadonlyArray<{ key: CountKey; to: string }> = [
  { key: 'extensions', to: '/supervision/extensions' },
  { key: 'arbitrations', to: '/supervision/arbitration' },
  { key: 'overdue', to: '/supervision/overdue' },
  { key: 'noticesAwaitingReply', to: '/supervision/notices' },
  { key: 'ordersAwaitingReply', to: '/supervision/orders?status=open' },
  { key: 'ordersToClose', to: '/supervision/orders?status=answered' },
];

/** 督办工作台: what waits for the supervisor, with counts (issue 12 §1). */
export default function SupervisorHomePage() {
  const { t } = useTranslation();
  const queues = useQuery({ queryKey: supervisionKeys.queues, queryFn: ({ signal }) => fetchQueues(signal) });
  useExpireOnUnauthenticated(queues.error);
  const title = t('supervisionActs.home.title');
  return (
    <Panel
      title={title}
      extra={
        <Button onClick={() => void queues.refetch()} loading={queues.isFetching}>
          {t('common.refresh')}
        </Button>
      }
    >
      <PageTitle title={title} />
      <Typography.Paragraph type="secondary">{t('supervisionActs.home.intro')}</Typography.Paragraph>
      <LoadError error={queues.error} onRetry={() => void queues.refetch()} />
      <Row gutter={[16, 16]}>
        {QUEUES.map(({ key, to }) => (
          <Col key={key} xs={24} sm={12} xl={8}>
            <Card size="small" data-testid={`queue-${key}`}>
              <Statistic title={t(`supervisionActs.home.${key}`)} value={queues.data?.[key] ?? '—'} loading={queues.isPending} />
              <ButtonLink to={to} size="small">
                {t('supervisionActs.home.open')}
              </ButtonLink>
            </Card>
          </Col>
        ))}
      </Row>
      <Section title={t('supervisionActs.home.overdueByUnit')}>
        <Table
          rowKey="unitId"
          size="middle"
          data-testid="overdue-by-unit"
          loading={queues.isPending}
          dataSource={queues.data?.overdueByUnit ?? []}
          pagination={false}
          locale={{ emptyText: t('supervisionActs.home.noOverdue') }}
          columns={[
            { key: 'unit', title: t('supervisionActs.home.unit'), dataIndex: 'unitName' },
            { key: 'cases', title: t('supervisionActs.home.cases'), dataIndex: 'cases', width: 140, align: 'right' },
          ]}
        />
      </Section>
    </Panel>
  );
}
