import { App, Button, Flex, Grid, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { runCaseAction, type CaseSummary } from '../../api/cases';
import { ButtonLink } from '../../components/ButtonLink';
import { ActionModal } from '../../components/case-actions/ActionModal';
import { CaseTable } from '../../components/case-table/CaseTable';
import type { CaseColumnKey } from '../../components/case-table/columns';
import { usePagedCases } from '../../components/case-table/usePagedCases';
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
  const { cases, data, paging, goTo } = usePagedCases(filters);
  const [busy, setBusy] = useState<string | null>(null);
  const [returning, setReturning] = useState<CaseSummary | null>(null);
  // A column pinned to the end does not fit a phone: it covered the other columns and was cut
  // itself. There the actions scroll with the row instead.
  const wide = Grid.useBreakpoint().md === true;

  const accept = async (row: CaseSummary) => {
    setBusy(row.id);
    try {
      await runCaseAction(row.id, 'accept', {});
      void message.success(t('workbench.accepted', { caseNumber: row.caseNumber }));
      cases.reload();
    } catch (error) {
      void message.error(describeError(t, error));
    } finally {
      setBusy(null);
    }
  };

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
              <Button size="small" type="primary" loading={busy === row.id} onClick={() => void accept(row)} data-testid="quick-accept">
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
        <Button onClick={cases.reload} loading={cases.status === 'loading'}>
          {t('common.refresh')}
        </Button>
      }
    >
      <PageTitle title={t('workbench.title')} />
      <Typography.Paragraph type="secondary">
        {t('workbench.intro')} {t('cases.timeZoneHint')}
      </Typography.Paragraph>
      <LoadError error={cases.status === 'error' ? cases.error : null} onRetry={cases.reload} />
      <CaseTable
        testId="workbench-table"
        data={data}
        loading={cases.status === 'loading'}
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
            cases.reload();
          }}
          onDone={() => {
            void message.success(t('workbench.returned', { caseNumber: returning.caseNumber }));
            setReturning(null);
            cases.reload();
          }}
        />
      )}
    </Panel>
  );
}
