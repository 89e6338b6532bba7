import { Alert, App, Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listRoutingModels, trainRoutingModel, type RoutingModel } from '../../../api/routing';
import { LoadError } from '../../../components/LoadError';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { describeError } from '../../../lib/errors';
import { formatCityTime } from '../../../lib/time';
import { useRemote } from '../../../lib/useRemote';
import { useExpireOnUnauthenticated } from '../../../session/context';

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

/** 路由模型: every trained version with its held-out accuracy, and a button to train one now. */
export default function RoutingModelsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const models = useRemote('routing-models', listRoutingModels);
  const [training, setTraining] = useState(false);
  const [trainError, setTrainError] = useState<unknown>(null);
  useExpireOnUnauthenticated(models.status === 'error' ? models.error : null);

  const train = async () => {
    setTraining(true);
    setTrainError(null);
    try {
      const trained = await trainRoutingModel();
      void message.success(t('routingModels.trained', { version: trained.version }));
      models.reload();
    } catch (caught) {
      // 409: too little closed-case history yet; the server's message says how much is needed.
      setTrainError(caught);
    } finally {
      setTraining(false);
    }
  };

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
          <Button onClick={models.reload} loading={models.status === 'loading'}>
            {t('common.refresh')}
          </Button>
          <Button type="primary" onClick={() => void train()} loading={training} data-testid="routing-train">
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
      <LoadError error={models.status === 'error' ? models.error : null} onRetry={models.reload} />
      <div data-testid="routing-models-table" className="case-table">
        <Table<RoutingModel>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={'data' in models && models.data ? models.data.items : []}
          loading={models.status === 'loading'}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('routingModels.empty') }}
          pagination={false}
        />
      </div>
    </Panel>
  );
}
