import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { issueOpen311Key, listOpen311Keys, revokeOpen311Key } from '../../../api/open311';
import { IssuedTokens } from '../../../components/IssuedTokens';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';

const KEY = ['admin', 'open311-keys'] as const;
const issueKey = async (name: string) => (await issueOpen311Key(name)).apiKey;

/** Open311 密钥: one API key per client application (FixMyStreet, a city app), shown once, revocable (ADR 0031). */
export default function Open311KeysPage() {
  const { t } = useTranslation();
  return (
    <Panel title={t('open311.title')}>
      <PageTitle title={t('open311.title')} />
      <Typography.Paragraph type="secondary">
        {t('open311.intro')} <Typography.Text code copyable>{`${window.location.origin}/open311/v2/`}</Typography.Text>
      </Typography.Paragraph>
      <IssuedTokens labels="open311" queryKey={KEY} list={listOpen311Keys} issue={issueKey} revoke={revokeOpen311Key} testId="open311-key" />
    </Panel>
  );
}
