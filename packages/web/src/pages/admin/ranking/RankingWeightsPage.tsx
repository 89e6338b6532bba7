import { rankingSettingsSchema, type RankingSettings } from '@openline/core';
import { App, Button, Form, InputNumber, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchRankingWeights, saveRankingWeights } from '../../../api/reports';
import { LoadError } from '../../../components/LoadError';
import { PageSpinner } from '../../../components/PageSpinner';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { describeError } from '../../../lib/errors';
import { useRemote } from '../../../lib/useRemote';
import { useExpireOnUnauthenticated } from '../../../session/context';

type WeightKey = keyof RankingSettings['weights'];
const WEIGHTS: WeightKey[] = ['response', 'resolution', 'satisfaction'];

/** 排名权重: the weights of the three rates in the ranking's composite score, per jurisdiction. */
export default function RankingWeightsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remote = useRemote('ranking-weights', fetchRankingWeights);
  useExpireOnUnauthenticated(remote.status === 'error' ? remote.error : null);
  const answer = remote.status === 'success' ? remote.data : undefined;
  const [settings, setSettings] = useState<RankingSettings | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (answer) setSettings(answer.settings);
  }, [answer]);

  const save = async (next: RankingSettings | null) => {
    if (!next) return;
    setSaving(true);
    try {
      remote.replace(await saveRankingWeights(next));
      void message.success(t('rankingWeights.saved'));
    } catch (error) {
      void message.error(describeError(t, error));
    } finally {
      setSaving(false);
    }
  };
  const parsed = settings ? rankingSettingsSchema.safeParse(settings) : null;
  const total = settings ? WEIGHTS.reduce((sum, k) => sum + settings.weights[k], 0) : 0;

  return (
    <Panel
      title={t('rankingWeights.title')}
      extra={
        <Button type="primary" onClick={() => void save(settings)} loading={saving} disabled={!parsed?.success} data-testid="ranking-weights-save">
          {t('common.save')}
        </Button>
      }
    >
      <PageTitle title={t('rankingWeights.title')} />
      <Typography.Paragraph type="secondary">{t('rankingWeights.intro')}</Typography.Paragraph>
      <LoadError error={remote.status === 'error' ? remote.error : null} onRetry={remote.reload} />
      {settings === null && remote.status === 'loading' && <PageSpinner />}
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
            <Button onClick={() => void save(answer.defaults)} data-testid="ranking-weights-defaults">
              {t('rankingWeights.restoreDefaults')}
            </Button>
          </Form.Item>
        </Form>
      )}
    </Panel>
  );
}
