import { Alert, App, Button, Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCategoryModels, useTrainCategoryModel } from '../../../api/categoryModels';
import { LoadError } from '../../../components/LoadError';
import { describeError } from '../../../lib/errors';
import { formatCityTime } from '../../../lib/time';

const percent = (x: number | null): string => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);

/**
 * The learned category suggestion (ADR 0045): which version suggests now, how it measured on
 * cases it never saw, and "train now" (the worker also retrains daily). Until a version exists
 * the suggestion comes from the categories' keywords, which is said plainly.
 */
export function CategoryModelPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const models = useCategoryModels();
  const train = useTrainCategoryModel();
  const current = models.data?.[0];
  return (
    <Flex vertical gap="small" className="category-model" data-testid="category-model">
      <Typography.Title level={2}>{t('categories.model.title')}</Typography.Title>
      <LoadError error={models.error} onRetry={() => void models.refetch()} />
      {train.error !== null && <Alert type="warning" showIcon role="alert" title={describeError(t, train.error)} />}
      {models.data && !current && <Typography.Text type="secondary">{t('categories.model.none')}</Typography.Text>}
      {current && (
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} data-testid="category-model-current">
          <Descriptions.Item label={t('categories.model.version')}>{current.version}</Descriptions.Item>
          <Descriptions.Item label={t('categories.model.trainedAt')}>{formatCityTime(current.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('categories.model.examples')}>
            {t('categories.model.examplesValue', { examples: current.metrics.examples, labels: current.metrics.labels, corrections: current.metrics.correctionExamples })}
          </Descriptions.Item>
          <Descriptions.Item label={t('categories.model.accuracy')}>{percent(current.metrics.accuracy)}</Descriptions.Item>
          <Descriptions.Item label={t('categories.model.macroF1')}>{percent(current.metrics.macroF1)}</Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Paragraph type="secondary">{t('categories.model.help')}</Typography.Paragraph>
      <div>
        <Button
          loading={train.isPending}
          onClick={() => train.mutate(undefined, { onSuccess: (r) => void message.success(t('categories.model.trained', { version: r.version })) })}
          data-testid="category-model-train"
        >
          {t('categories.model.train')}
        </Button>
      </div>
    </Flex>
  );
}
