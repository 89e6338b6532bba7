import { useMutation } from '@tanstack/react-query';
import { App, Button, Flex, Grid, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { runCaseAction, type CaseSummary } from '../../api/cases';
import { ButtonLink } from '../../components/ButtonLink';
import { ActionModal } from '../../components/case-actions/ActionModal';
import { CaseTable } from '../../components/case-table/CaseTable';
import type { CaseColumnKey } from '../../components/case-table/columns';
import { usePagedCases } from '../../components/case-table/usePagedCases';
import { useCaseChanged } from '../../api/queries/cases';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { describeError } from '../../lib/errors';
import { useStaffUser } from '../../session/context';

// What a unit still has to do: accept or return, then contact, handle and reply.
const QUEUE_STATUSES = ['dispatched', 'accepted', 'in_progress'];
const COLUMNS: CaseColumnKey[] = ['caseNumber', 'status', 'deadline', 'urgency', 'type', 'content', 'address', 'createdAt'];

/** 我的待办: the handler's unit queue, the nearest deadline first, with quick accept / return. */
export default function WorkbenchPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useStaffUser();
  const filters = useMemo(() => ({ statuses: QUEUE_STATUSES, unitId: user.orgUnitId, sort: 'deadline' as const }), [user.orgUnitId]);
  const { cases, data, paging, goTo, reload } = usePagedCases(filters);
  const changed = useCaseChanged();
  const [returning, setReturning] = useState<CaseSummary | null>(null);
  // A column pinned to the end does not fit a phone: it covered the other columns and was cut
  // itself. There the actions scroll with the row instead.
  const wide = Grid.useBreakpoint().md === true;

  const accepting = useMutation({
    mutationFn: (row: CaseSummary) => runCaseAction(row.id, 'accept', {}),
    onSuccess: (detail) => {
      void message.success(t('workbench.accepted', { caseNumber: detail.caseNumber }));
      changed(detail);
    },
    onError: (error) => void message.error(describeError(t, error)),
  });

  const actions: TableColumnsType<CaseSummary> = [
    {
      key: 'actions',
      title: t('caseDetail.actions'),
      fixed: wide ? 'end' : undefined,
      width: wide ? 200 : undefined,
      render: (_: unknown, row) => (
        <Flex gap="small">
          {row.status === 'dispatched' && (
            <>
              <Button size="small" type="primary" loading={accepting.isPending && accepting.variables.id === row.id} onClick={() => accepting.mutate(row)} data-testid="quick-accept">
                {t('action.accept')}
              </Button>
              <Button size="small" danger onClick={() => setReturning(row)} data-testid="quick-return">
                {t('action.return')}
              </Button>
            </>
          )}
          <ButtonLink size="small" to={`/cases/${row.id}`} data-testid="quick-open">
            {t('workbench.open')}
          </ButtonLink>
        </Flex>
      ),
    },
  ];

  return (
    <Panel
      title={t('workbench.title')}
      extra={
        <Button onClick={reload} loading={cases.isFetching}>
          {t('common.refresh')}
        </Button>
      }
    >
      <PageTitle title={t('workbench.title')} />
      <Typography.Paragraph type="secondary">
        {t('workbench.intro')} {t('cases.timeZoneHint')}
      </Typography.Paragraph>
      <LoadError error={cases.error} onRetry={reload} />
      <CaseTable
        testId="workbench-table"
        data={data}
        loading={cases.isFetching}
        {...paging}
        onPageChange={goTo}
        columns={COLUMNS}
        extraColumns={actions}
        emptyText={t('workbench.empty')}
      />
      {returning && (
        <ActionModal
          caseId={returning.id}
          caseNumber={returning.caseNumber}
          action="return"
          onCancel={() => setReturning(null)}
          onStale={() => {
            setReturning(null);
            changed();
          }}
          onDone={() => {
            void message.success(t('workbench.returned', { caseNumber: returning.caseNumber }));
            setReturning(null);
            changed();
          }}
        />
      )}
    </Panel>
  );
}
