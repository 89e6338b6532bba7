import { App, Button, Checkbox, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { acknowledgeNotice, listNotices, type SupervisionNotice } from '../../api/supervision';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { caseNumberColumn } from '../../components/supervision/SupervisionTable';
import { noticeKindLabel } from '../../i18n/labels';
import { describeError } from '../../lib/errors';
import { readPaging, urlPagination, writePaging } from '../../lib/paging';
import { formatCityTime } from '../../lib/time';
import { useExpireOnUnauthenticated } from '../../session/context';
import { supervisionKeys } from './queryKeys';

/** 督办单: notices raised when deadlines pass; open ones first, each acknowledged once. */
export default function NoticesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const paging = readPaging(params);
  // Open notices are the work; the full record is one click away.
  const openOnly = params.get('all') !== '1';
  const query = { open: openOnly, ...paging };
  const client = useQueryClient();
  const notices = useQuery({ queryKey: supervisionKeys.notices(query), queryFn: ({ signal }) => listNotices(query, signal), placeholderData: keepPreviousData });
  const failure = notices.error;
  useExpireOnUnauthenticated(failure);
  const data = notices.data;

  // Every supervision list and count refreshes: the queues count notices awaiting a reply.
  const acknowledging = useMutation({
    mutationFn: (notice: SupervisionNotice) => acknowledgeNotice(notice.id),
    onSuccess: () => {
      void message.success(t('supervision.acknowledgedDone'));
      return client.invalidateQueries({ queryKey: supervisionKeys.all });
    },
    onError: (error) => void message.error(describeError(t, error)),
  });
  const busy = acknowledging.isPending ? acknowledging.variables.id : null;

  const columns: TableColumnsType<SupervisionNotice> = [
    caseNumberColumn<SupervisionNotice>(t('supervision.columns.caseNumber')),
    { key: 'kind', title: t('supervision.columns.kind'), dataIndex: 'kind', width: 140, render: (kind: string) => <Tag color="red">{noticeKindLabel(t, kind)}</Tag> },
    { key: 'unit', title: t('supervision.columns.unit'), dataIndex: 'unitName', width: 180, render: (name: string | null) => name ?? t('common.none') },
    {
      key: 'tier',
      title: t('supervisionActs.tierColumn'),
      dataIndex: 'tier',
      width: 120,
      render: (tier: SupervisionNotice['tier']) => <Tag color={tier === 'unit' ? 'default' : tier === 'leadership' ? 'orange' : 'red'}>{t(`supervisionActs.tier.${tier}`)}</Tag>,
    },
    { key: 'message', title: t('supervision.columns.message'), dataIndex: 'message', width: 360, ellipsis: { showTitle: true } },
    {
      key: 'createdAt',
      title: t('supervision.columns.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (value: string) => <time dateTime={value}>{formatCityTime(value)}</time>,
    },
    {
      key: 'state',
      title: t('supervision.columns.state'),
      fixed: 'end',
      width: 220,
      render: (_: unknown, row) =>
        row.acknowledgedAt ? (
          <Typography.Text type="secondary">
            {t('supervision.acknowledgedBy', { name: row.acknowledgedByName ?? t('common.none'), time: formatCityTime(row.acknowledgedAt) })}
          </Typography.Text>
        ) : !row.canAcknowledge ? (
          <Typography.Text type="secondary">{t('supervision.pending')}</Typography.Text>
        ) : (
          <Button size="small" type="primary" loading={busy === row.id} onClick={() => acknowledging.mutate(row)} data-testid="notice-acknowledge">
            {t('supervision.acknowledge')}
          </Button>
        ),
    },
  ];

  return (
    <Panel
      title={t('supervision.noticesTitle')}
      extra={
        <Flex gap="middle" align="center">
          <Checkbox
            checked={openOnly}
            onChange={(event) => {
              const next = writePaging(params, { page: 1, pageSize: paging.pageSize });
              if (event.target.checked) next.delete('all');
              else next.set('all', '1');
              setParams(next);
            }}
          >
            <span data-testid="notices-open-only">{t('supervision.openOnly')}</span>
          </Checkbox>
          <Button onClick={() => void notices.refetch()} loading={notices.isFetching}>
            {t('common.refresh')}
          </Button>
        </Flex>
      }
    >
      <PageTitle title={t('supervision.noticesTitle')} />
      <Typography.Paragraph type="secondary">
        {t('supervision.noticesIntro')} {t('cases.timeZoneHint')}
      </Typography.Paragraph>
      <LoadError error={failure} onRetry={() => void notices.refetch()} />
      <div data-testid="notices-table" className="case-table">
        <Table<SupervisionNotice>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={notices.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('supervision.empty') }}
          pagination={urlPagination({ paging, total: data?.total ?? 0, params, setParams })}
        />
      </div>
    </Panel>
  );
}
