import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { listOutbox, OUTBOX_STATUSES, type OutboxMessage } from '../../../api/logs';
import { LoadError } from '../../../components/LoadError';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { outboxChannelLabel, outboxRecipientLabel, outboxStatusLabel, outboxTemplateLabel } from '../../../i18n/labels';
import { readPaging, urlPagination, writePaging } from '../../../lib/paging';
import { formatCityTime } from '../../../lib/time';
import { useOrgUnits } from '../../../api/queries/orgUnits';
import { adminKeys } from '../../../api/queries/adminKeys';
import { useExpireOnUnauthenticated } from '../../../session/context';

const STATUS_COLOR: Record<string, string> = { pending: 'blue', sending: 'processing', sent: 'green', failed: 'red' };

/** Every message the platform sent or is trying to send, with its delivery outcome. */
export default function OutboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const paging = readPaging(params);
  const status = (OUTBOX_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') ?? undefined) : undefined;
  const query = { status, ...paging };
  const outbox = useQuery({ queryKey: adminKeys.outbox(query), queryFn: ({ signal }) => listOutbox(query, signal), placeholderData: keepPreviousData });
  useExpireOnUnauthenticated(outbox.error);
  const data = outbox.data;
  const units = useOrgUnits();
  const unitName = (id: string) => (units.data?.find((u) => u.id === id)?.name);
  const time = (value: string | null) => (value ? <time dateTime={value}>{formatCityTime(value)}</time> : t('common.none'));

  const columns: TableColumnsType<OutboxMessage> = [
    { key: 'createdAt', title: t('outbox.columns.createdAt'), dataIndex: 'createdAt', width: 150, render: time },
    { key: 'status', title: t('outbox.columns.status'), dataIndex: 'status', width: 100, render: (s: string) => <Tag color={STATUS_COLOR[s]}>{outboxStatusLabel(t, s)}</Tag> },
    { key: 'channel', title: t('outbox.columns.channel'), dataIndex: 'channel', width: 100, render: (c: string) => outboxChannelLabel(t, c) },
    { key: 'recipient', title: t('outbox.columns.recipient'), dataIndex: 'recipient', width: 180, render: (r: string) => outboxRecipientLabel(t, r, unitName) },
    { key: 'template', title: t('outbox.columns.template'), dataIndex: 'template', width: 160, render: (v: string) => outboxTemplateLabel(t, v) },
    {
      key: 'body',
      title: t('outbox.columns.body'),
      dataIndex: 'body',
      width: 360,
      ellipsis: { showTitle: true },
      render: (body: string, row) => (row.caseId ? <Link to={`/cases/${row.caseId}`}>{body}</Link> : body),
    },
    { key: 'attempts', title: t('outbox.columns.attempts'), dataIndex: 'attempts', width: 90 },
    { key: 'lastError', title: t('outbox.columns.lastError'), dataIndex: 'lastError', width: 200, ellipsis: { showTitle: true }, render: (e: string | null) => e ?? t('common.none') },
    { key: 'sentAt', title: t('outbox.columns.sentAt'), dataIndex: 'sentAt', width: 150, render: time },
  ];

  return (
    <Panel
      title={t('outbox.title')}
      extra={
        <Flex gap="small">
          <Select
            allowClear
            data-testid="outbox-status"
            aria-label={t('outbox.columns.status')}
            placeholder={t('outbox.allStatuses')}
            value={status}
            onChange={(next?: string) => {
              const updated = writePaging(params, { page: 1, pageSize: paging.pageSize });
              if (next) updated.set('status', next);
              else updated.delete('status');
              setParams(updated);
            }}
            options={OUTBOX_STATUSES.map((s) => ({ value: s, label: outboxStatusLabel(t, s) }))}
            style={{ width: 140 }}
          />
          <Button onClick={() => void outbox.refetch()} loading={outbox.isFetching}>
            {t('common.refresh')}
          </Button>
        </Flex>
      }
    >
      <PageTitle title={t('outbox.title')} />
      <Typography.Paragraph type="secondary">
        {t('outbox.intro')} {t('cases.timeZoneHint')}
      </Typography.Paragraph>
      <LoadError error={outbox.error} onRetry={() => void outbox.refetch()} />
      <div data-testid="outbox-table" className="case-table">
        <Table<OutboxMessage>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={outbox.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('outbox.empty') }}
          pagination={urlPagination({ paging, total: data?.total ?? 0, params, setParams })}
        />
      </div>
    </Panel>
  );
}
