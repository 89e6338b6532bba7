import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Grid, Segmented, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { callbackKeys, listCallbacks, type CallbackFilter, type CallbackTask } from '../../api/callbacks';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { formatCityTime } from '../../lib/time';
import { useExpireOnUnauthenticated } from '../../session/context';
import { MyLinesPanel } from '../official/MyLinesPanel';
import { CallbackDrawer } from './CallbackDrawer';
import { CallbackStateTag } from './CallbackStateTag';

type View = 'open' | 'overdue' | 'closed';
const PAGE_SIZE = 20;

function filterOf(view: View, page: number): CallbackFilter {
  if (view === 'overdue') return { overdue: true, page, pageSize: PAGE_SIZE };
  return { status: view, page, pageSize: PAGE_SIZE };
}

/** 回电任务: the callbacks the viewer works (their lines, their unit's) or supervises, most urgent first. */
export default function CallbacksPage() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('open');
  const [page, setPage] = useState(1);
  // The task open in the drawer is in the address (?task=), so a reminder in the bell opens it
  // and the browser's back button closes it.
  const [params, setParams] = useSearchParams();
  const openId = params.get('task');
  const setOpenId = (id: string | null) => setParams(id ? { task: id } : {});
  const filter = filterOf(view, page);
  const queue = useQuery({ queryKey: callbackKeys.list(filter), queryFn: ({ signal }) => listCallbacks(filter, signal) });
  useExpireOnUnauthenticated(queue.error);
  const counts = queue.data?.counts;
  // On a phone a pinned column would cover the others (see the workbench): there it scrolls with its row.
  const wide = Grid.useBreakpoint().md === true;

  const columns: TableColumnsType<CallbackTask> = [
    { key: 'caller', title: t('callbacks.caller'), dataIndex: 'callerPhone', width: 130, render: (v: string) => <span className="mono">{v}</span> },
    { key: 'line', title: t('callbacks.line'), width: 200, render: (_: unknown, row) => `${row.lineName}（${row.lineNumber}）` },
    { key: 'reason', title: t('callbacks.reason'), dataIndex: 'reason', width: 130, render: (v: CallbackTask['reason']) => t(`callbacks.reasons.${v}`) },
    { key: 'calls', title: t('callbacks.calls'), dataIndex: 'callCount', width: 90, align: 'right' },
    { key: 'firstCallAt', title: t('callbacks.firstCallAt'), dataIndex: 'firstCallAt', width: 150, render: (v: string) => <time dateTime={v}>{formatCityTime(v)}</time> },
    {
      key: 'dueAt',
      title: t('callbacks.dueAt'),
      dataIndex: 'dueAt',
      width: 170,
      render: (v: string, row) => (
        <Flex gap={4} wrap>
          <time dateTime={v}>{formatCityTime(v)}</time>
          {row.overdue && <Tag color="red">{t('callbacks.overdue')}</Tag>}
        </Flex>
      ),
    },
    { key: 'state', title: t('callbacks.state'), width: 150, render: (_: unknown, row) => <CallbackStateTag task={row} /> },
    {
      key: 'actions',
      title: t('callbacks.actions'),
      // The queue's one action: pinned, so a table wider than the screen never scrolls it out of sight.
      fixed: wide ? 'end' : undefined,
      width: 90,
      render: (_: unknown, row) => (
        <Button size="small" type={row.status === 'open' && row.mayWork ? 'primary' : 'default'} onClick={() => setOpenId(row.id)} data-testid="callback-open">
          {row.status === 'open' && row.mayWork ? t('callbacks.handle') : t('callbacks.view')}
        </Button>
      ),
    },
  ];

  return (
    <Panel title={t('callbacks.title')} extra={<Button onClick={() => void queue.refetch()} loading={queue.isFetching}>{t('common.refresh')}</Button>}>
      <PageTitle title={t('callbacks.title')} />
      <Typography.Paragraph type="secondary">
        {t('callbacks.intro')} {t('cases.timeZoneHint')}
      </Typography.Paragraph>
      <Flex gap="large" wrap className="callback-counts" data-testid="callback-counts">
        <Statistic title={t('callbacks.counts.open')} value={counts?.open ?? '–'} data-testid="callback-count-open" />
        <Statistic title={t('callbacks.counts.overdue')} value={counts?.overdue ?? '–'} data-testid="callback-count-overdue" />
        <Statistic title={t('callbacks.counts.closedToday')} value={counts?.closedToday ?? '–'} />
      </Flex>
      <Segmented<View>
        value={view}
        onChange={(v) => (setView(v), setPage(1))}
        options={(['open', 'overdue', 'closed'] as const).map((v) => ({ value: v, label: t(`callbacks.filter.${v}`) }))}
        style={{ margin: '16px 0' }}
      />
      <LoadError error={queue.error} onRetry={() => void queue.refetch()} />
      <div data-testid="callback-table" className="case-table">
        <Table<CallbackTask>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={queue.data?.items ?? []}
          loading={queue.isLoading}
          scroll={{ x: 'max-content' }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: queue.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          locale={{ emptyText: t('callbacks.empty') }}
        />
      </div>
      <CallbackDrawer id={openId} onClose={() => setOpenId(null)} />
      <div style={{ marginTop: 24 }}>
        <MyLinesPanel hideWhenEmpty />
      </div>
    </Panel>
  );
}
