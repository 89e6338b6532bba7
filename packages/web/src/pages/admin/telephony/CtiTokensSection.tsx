import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { issueCtiToken, listCtiTokens, revokeCtiToken } from '../../../api/telephony';
import { IssuedTokens } from '../../../components/IssuedTokens';

const KEY = ['admin', 'cti-tokens'] as const;
/** What the phone system is configured with is the webhook URL carrying the token, so that is what is shown once. */
const issueToken = async (name: string) => `${window.location.origin}/api/v1/cti/${(await issueCtiToken(name)).token}`;

/** Tokens, one per phone system: issued with a name, shown once with the webhook URL, revocable. */
export function CtiTokensSection() {
  const { t } = useTranslation();
  return (
    <section data-testid="cti-tokens">
      <Typography.Title level={2} style={{ fontSize: 18 }}>{t('telephony.tokens.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('telephony.tokens.hint')}</Typography.Paragraph>
      <IssuedTokens labels="telephony.tokens" queryKey={KEY} list={listCtiTokens} issue={issueToken} revoke={revokeCtiToken} testId="cti-token" />
    </section>
  );
}
