import { RATE_LIMIT_SCOPES, rateLimitSettingsSchema, type RateLimitRule, type RateLimitScope, type RateLimitSettings } from '@openline/core';
import { Alert, App, Button, InputNumber, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchRateLimits, saveRateLimits, type RateLimitsAnswer } from '../../../api/limits';
import { LoadError } from '../../../components/LoadError';
import { PageSpinner } from '../../../components/PageSpinner';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { describeError } from '../../../lib/errors';
import { useRemote } from '../../../lib/useRemote';
import { useExpireOnUnauthenticated, useSession } from '../../../session/context';

type Refusal = RateLimitsAnswer['refusals'][number];

/** 频率限制: the limits on sign-in, the public form, tracking and SMS, and how often each refused. */
export default function RateLimitsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remote = useRemote('rate-limits', fetchRateLimits);
  useExpireOnUnauthenticated(remote.status === 'error' ? remote.error : null);
  const [limits, setLimits] = useState<RateLimitSettings | null>(null);
  const [saving, setSaving] = useState(false);
  const answer = remote.status === 'success' ? remote.data : undefined;
  // The limits are deployment-wide, so the server lets only platform admins change them.
  const { state } = useSession();
  const canEdit = state.status === 'signed-in' && (state.user.platformRoles ?? []).includes('platform_admin');

  // Edits happen on a copy; a reload from the server replaces it.
  useEffect(() => {
    if (answer) setLimits(answer.limits);
  }, [answer]);

  const save = async () => {
    if (!limits) return;
    setSaving(true);
    try {
      remote.replace(await saveRateLimits(limits));
      void message.success(t('rateLimits.saved'));
    } catch (error) {
      void message.error(describeError(t, error));
    } finally {
      setSaving(false);
    }
  };

  const edit = (scope: RateLimitScope, change: Partial<RateLimitRule>) =>
    setLimits((current) => current && { ...current, [scope]: { ...current[scope], ...change } });
  const numberInput = (scope: RateLimitScope, field: keyof RateLimitRule, max: number) => (
    <InputNumber
      min={1}
      max={max}
      precision={0}
      aria-label={`${t(`rateLimits.scopes.${scope}`)} ${t(field === 'max' ? 'rateLimits.max' : 'rateLimits.window')}`}
      data-testid={`rate-limit-${scope}-${field}`}
      value={limits?.[scope][field]}
      onChange={(value) => value !== null && edit(scope, { [field]: value })}
    />
  );

  const columns: TableColumnsType<{ scope: RateLimitScope }> = [
    { key: 'scope', title: t('rateLimits.scope'), render: (_: unknown, row) => t(`rateLimits.scopes.${row.scope}`) },
    { key: 'max', title: t('rateLimits.max'), width: 140, render: (_: unknown, row) => numberInput(row.scope, 'max', 1_000_000) },
    { key: 'window', title: t('rateLimits.window'), width: 160, render: (_: unknown, row) => numberInput(row.scope, 'windowSeconds', 86_400) },
    {
      key: 'default',
      title: t('rateLimits.defaultValue'),
      width: 160,
      render: (_: unknown, row) => answer && t('rateLimits.perWindow', { max: answer.defaults[row.scope].max, seconds: answer.defaults[row.scope].windowSeconds }),
    },
  ];
  const refusalColumns: TableColumnsType<Refusal> = [
    { key: 'day', title: t('rateLimits.day'), dataIndex: 'day', width: 140 },
    { key: 'scope', title: t('rateLimits.scope'), dataIndex: 'scope', render: (scope: RateLimitScope) => t(`rateLimits.scopes.${scope}`) },
    { key: 'count', title: t('rateLimits.count'), dataIndex: 'count', width: 100 },
  ];

  const valid = limits !== null && rateLimitSettingsSchema.safeParse(limits).success;
  return (
    <Panel
      title={t('rateLimits.title')}
      extra={
        <Button type="primary" onClick={() => void save()} loading={saving} disabled={!valid || !canEdit} data-testid="rate-limits-save">
          {t('common.save')}
        </Button>
      }
    >
      <PageTitle title={t('rateLimits.title')} />
      <Typography.Paragraph type="secondary">{t('rateLimits.intro')}</Typography.Paragraph>
      {!canEdit && <Alert type="info" showIcon className="form-alert" title={t('rateLimits.platformOnly')} />}
      {answer && !answer.publicLimitsEnabled && <Alert type="warning" showIcon className="form-alert" title={t('rateLimits.publicOff')} />}
      <LoadError error={remote.status === 'error' ? remote.error : null} onRetry={remote.reload} />
      {limits === null && remote.status === 'loading' && <PageSpinner />}
      {limits && (
        <div data-testid="rate-limits-table">
          <Table rowKey="scope" size="small" columns={columns} dataSource={RATE_LIMIT_SCOPES.map((scope) => ({ scope }))} pagination={false} />
        </div>
      )}
      {answer && (
        <>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('rateLimits.refusals')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('rateLimits.refusalsHint')}</Typography.Paragraph>
          <div data-testid="rate-limit-refusals">
            <Table<Refusal>
              rowKey={(r) => `${r.day}-${r.scope}`}
              size="small"
              columns={refusalColumns}
              dataSource={answer.refusals}
              pagination={false}
              locale={{ emptyText: t('rateLimits.noRefusals') }}
            />
          </div>
        </>
      )}
    </Panel>
  );
}
