import { Alert, App, Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchDeadlinePolicy, saveDeadlinePolicy, STAGES, type DeadlinePolicy } from '../../../api/settings';
import { LoadError } from '../../../components/LoadError';
import { PageSpinner } from '../../../components/PageSpinner';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { caseTypeLabel, urgencyLabel } from '../../../i18n/labels';
import { describeError } from '../../../lib/errors';
import { useRemote } from '../../../lib/useRemote';
import { useExpireOnUnauthenticated } from '../../../session/context';
import { isValidPolicy, policyRows, spansOf, withSpan, type RowTarget } from './policyRows';
import { SpanInput } from './SpanInput';

/** The deadline policy as a table: case type × urgency down, accept / contact / resolve across. */
export default function DeadlinePolicyPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remote = useRemote('deadline-policy', fetchDeadlinePolicy);
  useExpireOnUnauthenticated(remote.status === 'error' ? remote.error : null);
  const [policy, setPolicy] = useState<DeadlinePolicy | null>(null);
  const [saving, setSaving] = useState(false);

  // Edits happen on a copy; a reload from the server replaces it.
  useEffect(() => {
    if (remote.status === 'success') setPolicy(remote.data.policy);
  }, [remote]);

  const save = async () => {
    if (!policy) return;
    setSaving(true);
    try {
      remote.replace(await saveDeadlinePolicy(policy));
      void message.success(t('policy.saved'));
    } catch (error) {
      void message.error(describeError(t, error));
    } finally {
      setSaving(false);
    }
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
              onChange={(next) => setPolicy((current) => current && withSpan(current, row, stage, next))}
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
        <Button type="primary" onClick={() => void save()} loading={saving} disabled={!valid} data-testid="policy-save">
          {t('policy.save')}
        </Button>
      }
    >
      <PageTitle title={t('policy.title')} />
      <Typography.Paragraph type="secondary">{t('policy.intro')}</Typography.Paragraph>
      {remote.status === 'success' && remote.data.isDefault && <Alert type="info" showIcon className="form-alert" title={t('policy.isDefault')} />}
      <LoadError error={remote.status === 'error' ? remote.error : null} onRetry={remote.reload} />
      {policy === null && remote.status === 'loading' && <PageSpinner />}
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
              onChange={(complexResolve) => setPolicy((current) => current && { ...current, complexResolve })}
            />
          </Flex>
        </>
      )}
    </Panel>
  );
}
