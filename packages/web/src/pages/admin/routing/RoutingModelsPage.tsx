import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { listRoutingModels, trainRoutingModel, type RoutingModel } from '../../../api/routing';
import { LoadError } from '../../../components/LoadError';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { describeError } from '../../../lib/errors';
import { formatCityTime } from '../../../lib/time';
import { useExpireOnUnauthenticated } from '../../../session/context';

const MODELS_KEY = ['admin', 'routing-models'] as const;
const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

/** 路由模型: every trained version with its held-out accuracy, and a button to train one now. */
export default function RoutingModelsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const models = useQuery({ queryKey: MODELS_KEY, queryFn: ({ signal }) => listRoutingModels(signal) });
  useExpireOnUnauthenticated(models.error);

  // A 409 (too little closed-case history yet) stays on screen as the mutation's error: the
  // server's message says how much is needed.
  const training = useMutation({
    mutationFn: trainRoutingModel,
    onSuccess: (trained) => {
      void message.success(t('routingModels.trained', { version: trained.version }));
      return client.invalidateQueries({ queryKey: MODELS_KEY });
    },
  });
  const trainError = training.error;

  const columns: TableColumnsType<RoutingModel> = [
    { key: 'version', title: t('routingModels.columns.version'), dataIndex: 'version', width: 80, render: (v: number) => <span data-testid="routing-version">{`v${v}`}</span> },
    { key: 'createdAt', title: t('routingModels.columns.createdAt'), dataIndex: 'createdAt', width: 160, render: (v: string) => <time dateTime={v}>{formatCityTime(v)}</time> },
    { key: 'accuracy', title: t('routingModels.columns.accuracy'), width: 100, render: (_, row) => <span data-testid="routing-accuracy">{percent(row.metrics.accuracy)}</span> },
    { key: 'macroF1', title: t('routingModels.columns.macroF1'), width: 100, render: (_, row) => percent(row.metrics.macroF1) },
    { key: 'examples', title: t('routingModels.columns.examples'), width: 100, render: (_, row) => row.metrics.examples },
    {
      key: 'corrections',
      title: t('routingModels.columns.corrections'),
      width: 120,
      render: (_, row) => t('routingModels.corrections', { count: row.metrics.correctionExamples, open: row.metrics.openCorrectionExamples }),
    },
    { key: 'heldOut', title: t('routingModels.columns.heldOut'), width: 100, render: (_, row) => row.metrics.heldOut },
    { key: 'labels', title: t('routingModels.columns.labels'), width: 80, render: (_, row) => row.metrics.labels },
    { key: 'trainMs', title: t('routingModels.columns.trainMs'), width: 110, render: (_, row) => row.metrics.trainMs },
    { key: 'trainedBy', title: t('routingModels.columns.trainedBy'), dataIndex: 'trainedBy', width: 120, render: (v: string | null) => v ?? t('routingModels.automatic') },
  ];

  return (
    <Panel
      title={t('routingModels.title')}
      extra={
        <Flex gap="small">
          <Button onClick={() => void models.refetch()} loading={models.isFetching}>
            {t('common.refresh')}
          </Button>
          <Button type="primary" onClick={() => training.mutate()} loading={training.isPending} data-testid="routing-train">
            {t('routingModels.train')}
          </Button>
        </Flex>
      }
    >
      <PageTitle title={t('routingModels.title')} />
      <Typography.Paragraph type="secondary">
        {t('routingModels.intro')} {t('cases.timeZoneHint')}
      </Typography.Paragraph>
      {trainError !== null && (
        <Alert type="warning" showIcon role="alert" className="form-alert" data-testid="routing-train-error" title={describeError(t, trainError)} />
      )}
      <LoadError error={models.error} onRetry={() => void models.refetch()} />
      <div data-testid="routing-models-table" className="case-table">
        <Table<RoutingModel>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={models.data?.items ?? []}
          loading={models.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('routingModels.empty') }}
          pagination={false}
        />
      </div>
    </Panel>
  );
}
