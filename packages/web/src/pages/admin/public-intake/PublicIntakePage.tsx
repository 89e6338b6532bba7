import { useQuery } from '@tanstack/react-query';
import { Card, Flex, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchPublicIntakeFigures } from '../../../api/publicIntake';
import { LoadError } from '../../../components/LoadError';
import { PageSpinner } from '../../../components/PageSpinner';
import { PageTitle } from '../../../components/PageTitle';
import { useExpireOnUnauthenticated } from '../../../session/context';

/** The web form's intake at a glance (ADR 0032): accepted, processed, waiting; refreshed every few seconds during a surge. */
export default function PublicIntakePage() {
  const { t } = useTranslation();
  const remote = useQuery({ queryKey: ['public-intake'], queryFn: ({ signal }) => fetchPublicIntakeFigures(signal), refetchInterval: 5_000 });
  useExpireOnUnauthenticated(remote.error);
  if (remote.isPending) return <PageSpinner />;
  if (remote.isError) return <LoadError error={remote.error} onRetry={() => void remote.refetch()} />;
  const f = remote.data;
  const tiles: Array<[string, string, number | string]> = [
    ['accepted', t('publicIntake.accepted'), f.accepted],
    ['processed', t('publicIntake.processed'), f.processed],
    ['backlog', t('publicIntake.backlog'), f.backlog],
    ['failed', t('publicIntake.failed'), f.failed],
    ['lag', t('publicIntake.lag'), t('publicIntake.seconds', { count: f.lagSeconds })],
    ['processed-last-hour', t('publicIntake.processedLastHour'), f.processedLastHour],
  ];
  return (
    <>
      <PageTitle title={t('publicIntake.title')} />
      <Typography.Paragraph type="secondary">{t('publicIntake.intro')}</Typography.Paragraph>
      <Flex gap="middle" wrap>
        {tiles.map(([key, title, value]) => (
          <Card key={key} size="small" style={{ minWidth: 180 }} data-testid={`public-intake-${key}`}>
            <Statistic title={title} value={value} />
          </Card>
        ))}
      </Flex>
    </>
  );
}
