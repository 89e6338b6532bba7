import { Badge, Button, Segmented, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { OPERATOR_QUEUES, type OperatorQueue } from '@openline/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { listCases, type CaseListParams } from '../../api/cases';
import { deskKeys, getQueueCounts } from '../../api/desk';
import { CaseTable } from '../../components/case-table/CaseTable';
import type { CaseColumnKey } from '../../components/case-table/columns';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { readPaging, writePaging } from '../../lib/paging';
import { useExpireOnUnauthenticated } from '../../session/context';

const COLUMNS: readonly CaseColumnKey[] = ['caseNumber', 'status', 'deadline', 'urgency', 'type', 'leadUnit', 'line', 'caller', 'content', 'createdAt'];

export function readQueue(params: URLSearchParams): OperatorQueue {
  const asked = params.get('queue');
  return (OPERATOR_QUEUES as readonly string[]).includes(asked ?? '') ? (asked as OperatorQueue) : 'awaiting_dispatch';
}

/**
 * The operator's own queues (issue 12 §3): 待派单, 被退回 (those an operator may send again) and
 * 待回访, each with its count, most pressing first (priority, then the nearest deadline). The
 * queue and page live in the URL.
 */
export default function QueuePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const queue = readQueue(params);
  const { page, pageSize } = readPaging(params);
  const counts = useQuery({ queryKey: deskKeys.queues, queryFn: ({ signal }) => getQueueCounts(signal) });
  const listParams: CaseListParams = { page, pageSize, queue, sort: 'queue' };
  const cases = useQuery({
    queryKey: ['cases', 'list', listParams],
    queryFn: ({ signal }) => listCases(listParams, signal),
    placeholderData: keepPreviousData,
  });
  useExpireOnUnauthenticated(counts.error ?? cases.error ?? null);

  const go = (next: { queue?: OperatorQueue; page?: number; pageSize?: number }) =>
    setParams(() => {
      const out = new URLSearchParams();
      const nextQueue = next.queue ?? queue;
      if (nextQueue !== 'awaiting_dispatch') out.set('queue', nextQueue);
      return writePaging(out, { page: next.page ?? 1, pageSize: next.pageSize ?? pageSize });
    });
  const refresh = () => {
    void counts.refetch();
    void cases.refetch();
  };

  return (
    <Panel
      title={t('queue.title')}
      extra={
        <Button onClick={refresh} loading={cases.isFetching || counts.isFetching} data-testid="queue-refresh">
          {t('common.refresh')}
        </Button>
      }
    >
      <PageTitle title={t('queue.title')} />
      <Segmented<OperatorQueue>
        data-testid="queue-tabs"
        value={queue}
        onChange={(value) => go({ queue: value })}
        options={OPERATOR_QUEUES.map((q) => ({
          value: q,
          label: (
            <span data-testid={`queue-tab-${q}`}>
              {t(`queue.tab.${q}`)}{' '}
              <Badge count={counts.data?.[q] ?? 0} showZero overflowCount={999} color={q === 'returned' ? 'orange' : 'blue'} data-testid={`queue-count-${q}`} />
            </span>
          ),
        }))}
      />
      <Typography.Paragraph type="secondary" className="cases-hint">
        {t('queue.hint')}
      </Typography.Paragraph>
      <LoadError error={counts.error ?? cases.error} title={t('queue.loadFailed')} onRetry={refresh} />
      <CaseTable
        testId="queue-cases"
        data={cases.data}
        loading={cases.isFetching}
        page={page}
        pageSize={pageSize}
        columns={COLUMNS}
        emptyText={t(`queue.empty.${queue}`)}
        onPageChange={(nextPage, nextSize) => go({ page: nextPage, pageSize: nextSize })}
      />
    </Panel>
  );
}
