import { rankingSettingsSchema, type RankingSettings } from '@openline/core';
import { App, Button, Form, InputNumber, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchRankingWeights, saveRankingWeights } from '../../../api/reports';
import { LoadError } from '../../../components/LoadError';
import { PageSpinner } from '../../../components/PageSpinner';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { describeError } from '../../../lib/errors';
import { useExpireOnUnauthenticated } from '../../../session/context';

type WeightKey = keyof RankingSettings['weights'];
const WEIGHTS_KEY = ['admin', 'ranking-weights'] as const;
const WEIGHTS: WeightKey[] = ['response', 'resolution', 'satisfaction'];

/** 排名权重: the weights of the three rates in the ranking's composite score, per jurisdiction. */
export default function RankingWeightsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const remote = useQuery({ queryKey: WEIGHTS_KEY, queryFn: ({ signal }) => fetchRankingWeights(signal) });
  useExpireOnUnauthenticated(remote.error);
  const answer = remote.data;
  // Unsaved edits apart from the server's copy, so a refetch never overwrites them (the
  // deadline policy page's snap-back).
  const [draft, setDraft] = useState<RankingSettings | null>(null);
  const settings = draft ?? answer?.settings ?? null;
  const setSettings = setDraft;

  const saving = useMutation({
    mutationFn: saveRankingWeights,
    onSuccess: (saved) => {
      client.setQueryData(WEIGHTS_KEY, saved);
      setDraft(null);
      void message.success(t('rankingWeights.saved'));
    },
    onError: (error) => void message.error(describeError(t, error)),
  });
  const save = (next: RankingSettings | null) => {
    if (next) saving.mutate(next);
  };
  const parsed = settings ? rankingSettingsSchema.safeParse(settings) : null;
  const total = settings ? WEIGHTS.reduce((sum, k) => sum + settings.weights[k], 0) : 0;

  return (
    <Panel
      title={t('rankingWeights.title')}
      extra={
        <Button type="primary" onClick={() => save(settings)} loading={saving.isPending} disabled={!parsed?.success} data-testid="ranking-weights-save">
          {t('common.save')}
        </Button>
      }
    >
      <PageTitle title={t('rankingWeights.title')} />
      <Typography.Paragraph type="secondary">{t('rankingWeights.intro')}</Typography.Paragraph>
      <LoadError error={remote.error} onRetry={() => void remote.refetch()} />
      {settings === null && remote.isPending && <PageSpinner />}
      {settings && answer && (
        <Form layout="horizontal" labelCol={{ span: 6 }} style={{ maxWidth: 560 }}>
          {WEIGHTS.map((k) => (
            <Form.Item key={k} label={t(`rankingWeights.${k}`)} extra={total > 0 ? t('rankingWeights.share', { share: ((settings.weights[k] / total) * 100).toFixed(1), value: answer.defaults.weights[k] }) : undefined}>
              <InputNumber
                min={0}
                max={1000}
                data-testid={`ranking-weight-${k}`}
                aria-label={t(`rankingWeights.${k}`)}
                value={settings.weights[k]}
                onChange={(value) => value !== null && setSettings({ ...settings, weights: { ...settings.weights, [k]: value } })}
              />
            </Form.Item>
          ))}
          <Form.Item label={t('rankingWeights.minVolume')} extra={t('rankingWeights.minVolumeHint', { value: answer.defaults.minVolume })}>
            <InputNumber
              min={0}
              max={100000}
              precision={0}
              data-testid="ranking-min-volume"
              aria-label={t('rankingWeights.minVolume')}
              value={settings.minVolume}
              onChange={(value) => value !== null && setSettings({ ...settings, minVolume: value })}
            />
          </Form.Item>
          {total === 0 && <Typography.Text type="danger">{t('rankingWeights.allZero')}</Typography.Text>}
          <Form.Item>
            <Button onClick={() => save(answer.defaults)} data-testid="ranking-weights-defaults">
              {t('rankingWeights.restoreDefaults')}
            </Button>
          </Form.Item>
        </Form>
      )}
    </Panel>
  );
}
