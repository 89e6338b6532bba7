import { useQuery } from '@tanstack/react-query';
import { App, Button, Flex, Segmented, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { answerOrder, closeOrder, listOrders, type OrderStatus, type SupervisionOrder } from '../../api/supervision';
import { SupervisionForm } from '../../components/supervision/SupervisionForm';
import { caseNumberColumn, SupervisionTable } from '../../components/supervision/SupervisionTable';
import { readPaging, writePaging } from '../../lib/paging';
import { formatCityTime } from '../../lib/time';
import { useExpireOnUnauthenticated } from '../../session/context';
import { supervisionKeys } from './queryKeys';

const STATUSES: readonly OrderStatus[] = ['open', 'answered', 'closed'];
const STATUS_COLOR: Record<OrderStatus, string> = { open: 'red', answered: 'gold', closed: 'green' };
const isStatus = (value: string | null): value is OrderStatus => STATUSES.includes(value as OrderStatus);

/**
 * 督办事项: orders issued by supervisors. The addressed unit answers them here (the button is
 * offered by the server's `canAnswer`), a supervisor closes the answered ones (`canClose`).
 */
export default function OrdersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const paging = readPaging(params);
  const raw = params.get('status');
  const status = isStatus(raw) ? raw : undefined;
  const query = { ...(status ? { status } : {}), ...paging };
  const orders = useQuery({ queryKey: supervisionKeys.orders(query), queryFn: ({ signal }) => listOrders(query, signal) });
  useExpireOnUnauthenticated(orders.error);
  const [acting, setActing] = useState<{ order: SupervisionOrder; act: 'answer' | 'close' } | null>(null);

  const columns: TableColumnsType<SupervisionOrder> = [
    caseNumberColumn<SupervisionOrder>(t('supervisionActs.orders.columns.caseNumber')),
    { key: 'unit', title: t('supervisionActs.orders.columns.unit'), dataIndex: 'unitName', width: 150 },
    {
      key: 'instruction',
      title: t('supervisionActs.orders.columns.instruction'),
      width: 320,
      render: (_: unknown, row) => (
        <>
          <Typography.Paragraph className="prewrap" style={{ marginBottom: 4 }}>
            {row.instruction}
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('supervisionActs.orders.issuedBy', { name: row.issuedByName ?? t('common.none'), time: formatCityTime(row.issuedAt) })}</Typography.Text>
        </>
      ),
    },
    {
      key: 'dueAt',
      title: t('supervisionActs.orders.columns.dueAt'),
      width: 170,
      render: (_: unknown, row) => (
        <Flex vertical gap={4}>
          <time dateTime={row.dueAt}>{formatCityTime(row.dueAt)}</time>
          {row.overdue && row.status === 'open' && <Tag color="red">{t('supervisionActs.orders.overdue')}</Tag>}
        </Flex>
      ),
    },
    {
      key: 'status',
      title: t('supervisionActs.orders.columns.status'),
      dataIndex: 'status',
      width: 110,
      render: (value: OrderStatus) => (
        <Tag color={STATUS_COLOR[value]} data-testid="order-status" data-status={value}>
          {t(`supervisionActs.orders.status.${value}`)}
        </Tag>
      ),
    },
    {
      key: 'answer',
      title: t('supervisionActs.orders.columns.answer'),
      width: 300,
      render: (_: unknown, row) =>
        row.answerText ? (
          <>
            <Typography.Paragraph className="prewrap" style={{ marginBottom: 4 }} data-testid="order-answer">
              {row.answerText}
            </Typography.Paragraph>
            <Typography.Text type="secondary">{t('supervisionActs.orders.answeredBy', { name: row.answeredByName ?? t('common.none'), time: formatCityTime(row.answeredAt ?? row.issuedAt) })}</Typography.Text>
            {row.closedAt && (
              <div>
                <Typography.Text type="secondary">{t('supervisionActs.orders.closedBy', { name: row.closedByName ?? t('common.none'), time: formatCityTime(row.closedAt) })}</Typography.Text>
              </div>
            )}
          </>
        ) : (
          t('common.none')
        ),
    },
    {
      key: 'actions',
      title: t('supervisionActs.orders.columns.actions'),
      fixed: 'end',
      width: 110,
      render: (_: unknown, row) => (
        <Flex gap="small">
          {row.canAnswer && (
            <Button size="small" type="primary" onClick={() => setActing({ order: row, act: 'answer' })} data-testid="order-answer-open">
              {t('supervisionActs.orders.answer')}
            </Button>
          )}
          {row.canClose && (
            <Button size="small" type="primary" onClick={() => setActing({ order: row, act: 'close' })} data-testid="order-close-open">
              {t('supervisionActs.orders.close')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <SupervisionTable
      title={t('supervisionActs.orders.title')}
      intro={t('supervisionActs.orders.intro')}
      extra={
        <Segmented<string>
          data-testid="orders-status-filter"
          value={status ?? 'all'}
          options={[{ value: 'all', label: t('supervisionActs.orders.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`supervisionActs.orders.status.${s}`) }))]}
          onChange={(value) => {
            const next = writePaging(params, { page: 1, pageSize: paging.pageSize });
            if (value === 'all') next.delete('status');
            else next.set('status', value);
            setParams(next);
          }}
        />
      }
      query={orders}
      columns={columns}
      rowKey="id"
      testId="orders-table"
      emptyText={t('supervisionActs.orders.empty')}
    >
      {acting?.act === 'answer' && (
        <SupervisionForm
          title={t('supervisionActs.orders.answerTitle', { caseNumber: acting.order.caseNumber })}
          hint={acting.order.instruction}
          okText={t('supervisionActs.orders.answer')}
          testId="order-answer-form"
          fields={[{ name: 'text', label: t('supervisionActs.orders.answerText'), kind: 'text', required: t('supervisionActs.orders.answerRequired') }]}
          submit={(values) => answerOrder(acting.order.id, { text: String(values.text) })}
          onCancel={() => setActing(null)}
          onDone={() => {
            setActing(null);
            void message.success(t('supervisionActs.orders.answered'));
          }}
        />
      )}
      {acting?.act === 'close' && (
        <SupervisionForm
          title={t('supervisionActs.orders.closeTitle', { caseNumber: acting.order.caseNumber })}
          hint={acting.order.answerText ?? undefined}
          okText={t('supervisionActs.orders.close')}
          testId="order-close-form"
          fields={[{ name: 'note', label: t('supervisionActs.orders.closeNote'), kind: 'text' }]}
          submit={(values) => closeOrder(acting.order.id, values.note === undefined ? {} : { note: String(values.note) })}
          onCancel={() => setActing(null)}
          onDone={() => {
            setActing(null);
            void message.success(t('supervisionActs.orders.closed'));
          }}
        />
      )}
    </SupervisionTable>
  );
}
