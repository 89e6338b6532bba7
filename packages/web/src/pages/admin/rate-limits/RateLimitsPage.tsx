import { RATE_LIMIT_SCOPES, rateLimitSettingsSchema, type RateLimitRule, type RateLimitScope, type RateLimitSettings } from '@openline/core';
import { Alert, App, Button, InputNumber, Table, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchRateLimits, saveRateLimits, type RateLimitsAnswer } from '../../../api/limits';
import { LoadError } from '../../../components/LoadError';
import { PageSpinner } from '../../../components/PageSpinner';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { describeError } from '../../../lib/errors';
import { useExpireOnUnauthenticated, useSession } from '../../../session/context';

const LIMITS_KEY = ['admin', 'rate-limits'] as const;
type Refusal = RateLimitsAnswer['refusals'][number];

/** 频率限制: the limits on sign-in, the public form, tracking and SMS, and how often each refused. */
export default function RateLimitsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const remote = useQuery({ queryKey: LIMITS_KEY, queryFn: ({ signal }) => fetchRateLimits(signal) });
  useExpireOnUnauthenticated(remote.error);
  const answer = remote.data;
  // Unsaved edits apart from the server's copy (null: show the server's), so a refetch never
  // overwrites them.
  const [draft, setDraft] = useState<RateLimitSettings | null>(null);
  const limits = draft ?? answer?.limits ?? null;
  // The limits are deployment-wide, so the server lets only platform admins change them.
  const { state } = useSession();
  const canEdit = state.status === 'signed-in' && (state.user.platformRoles ?? []).includes('platform_admin');

  const saving = useMutation({
    mutationFn: saveRateLimits,
    onSuccess: (saved) => {
      client.setQueryData(LIMITS_KEY, saved);
      setDraft(null);
      void message.success(t('rateLimits.saved'));
    },
    onError: (error) => void message.error(describeError(t, error)),
  });
  const save = () => {
    if (limits) saving.mutate(limits);
  };

  const edit = (scope: RateLimitScope, change: Partial<RateLimitRule>) => {
    if (limits) setDraft({ ...limits, [scope]: { ...limits[scope], ...change } });
  };
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
        <Button type="primary" onClick={save} loading={saving.isPending} disabled={!valid || !canEdit} data-testid="rate-limits-save">
          {t('common.save')}
        </Button>
      }
    >
      <PageTitle title={t('rateLimits.title')} />
      <Typography.Paragraph type="secondary">{t('rateLimits.intro')}</Typography.Paragraph>
      {!canEdit && <Alert type="info" showIcon className="form-alert" title={t('rateLimits.platformOnly')} />}
      {answer && !answer.publicLimitsEnabled && <Alert type="warning" showIcon className="form-alert" title={t('rateLimits.publicOff')} />}
      <LoadError error={remote.error} onRetry={() => void remote.refetch()} />
      {limits === null && remote.isPending && <PageSpinner />}
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
