import { Alert, App, Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchDeadlinePolicy, saveDeadlinePolicy, STAGES, type DeadlinePolicy } from '../../../api/settings';
import { LoadError } from '../../../components/LoadError';
import { PageSpinner } from '../../../components/PageSpinner';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { caseTypeLabel, urgencyLabel } from '../../../i18n/labels';
import { describeError } from '../../../lib/errors';
import { useExpireOnUnauthenticated } from '../../../session/context';
import { isValidPolicy, policyRows, spansOf, withSpan, type RowTarget } from './policyRows';
import { SpanInput } from './SpanInput';

const POLICY_KEY = ['admin', 'deadline-policy'] as const;

/** The deadline policy as a table: case type × urgency down, accept / contact / resolve across. */
export default function DeadlinePolicyPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const remote = useQuery({ queryKey: POLICY_KEY, queryFn: ({ signal }) => fetchDeadlinePolicy(signal) });
  useExpireOnUnauthenticated(remote.error);
  // The admin's unsaved edits; null means "show what the server has". Keeping the edits apart
  // from the server's copy is what stops a refetch from overwriting them (the old page copied
  // the server's policy into its state on every render, so each edit snapped back and Save
  // sent the unchanged policy).
  const [draft, setDraft] = useState<DeadlinePolicy | null>(null);
  const policy = draft ?? remote.data?.policy ?? null;
  const setPolicy = (update: (current: DeadlinePolicy) => DeadlinePolicy) => {
    if (policy) setDraft(update(policy));
  };

  const saving = useMutation({
    mutationFn: saveDeadlinePolicy,
    onSuccess: (answer) => {
      queryClient.setQueryData(POLICY_KEY, answer);
      setDraft(null);
      void message.success(t('policy.saved'));
    },
    onError: (error) => void message.error(describeError(t, error)),
  });
  const save = () => {
    if (policy) saving.mutate(policy);
  };

  const rowLabel = (row: RowTarget) =>
    row.kind === 'utilitiesOutage' ? t('policy.utilitiesOutage') : `${caseTypeLabel(t, row.type)} · ${urgencyLabel(t, row.urgency)}`;

  const columns: TableColumnsType<RowTarget> = [
    { key: 'row', title: `${t('policy.type')} · ${t('policy.urgency')}`, width: 200, render: (_: unknown, row) => rowLabel(row) },
    ...STAGES.map((stage) => ({
      key: stage,
      title: t(`policy.stage.${stage}`),
      width: 200,
      render: (_: unknown, row: RowTarget) => {
        const span = policy && spansOf(policy, row)?.[stage];
        return (
          span && (
            <SpanInput
              label={`${rowLabel(row)} ${t(`policy.stage.${stage}`)}`}
              value={span}
              onChange={(next) => setPolicy((current) => withSpan(current, row, stage, next))}
            />
          )
        );
      },
    })),
  ];

  const valid = policy !== null && isValidPolicy(policy);
  return (
    <Panel
      title={t('policy.title')}
      extra={
        <Button type="primary" onClick={save} loading={saving.isPending} disabled={!valid || draft === null} data-testid="policy-save">
          {t('policy.save')}
        </Button>
      }
    >
      <PageTitle title={t('policy.title')} />
      <Typography.Paragraph type="secondary">{t('policy.intro')}</Typography.Paragraph>
      {remote.data?.isDefault === true && draft === null && <Alert type="info" showIcon className="form-alert" title={t('policy.isDefault')} />}
      <LoadError error={remote.error} onRetry={() => void remote.refetch()} />
      {policy === null && remote.isPending && <PageSpinner />}
      {policy && (
        <>
          {!valid && <Alert type="error" showIcon className="form-alert" title={t('policy.invalid')} />}
          <div data-testid="policy-table">
            <Table<RowTarget>
              rowKey={(row) => (row.kind === 'byType' ? `${row.type}-${row.urgency}` : row.kind)}
              size="small"
              columns={columns}
              dataSource={policyRows(policy)}
              pagination={false}
              scroll={{ x: 'max-content' }}
            />
          </div>
          <Flex align="center" gap="middle" wrap className="policy-complex">
            <Typography.Text strong>{t('policy.complexResolve')}</Typography.Text>
            <SpanInput
              label={t('policy.complexResolve')}
              value={policy.complexResolve}
              onChange={(complexResolve) => setPolicy((current) => ({ ...current, complexResolve }))}
            />
          </Flex>
        </>
      )}
    </Panel>
  );
}
