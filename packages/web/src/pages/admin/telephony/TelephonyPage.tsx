import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { BlockedNumbersSection } from './BlockedNumbersSection';
import { CdrImportSection } from './CdrImportSection';
import { ColdLinesSection } from './ColdLinesSection';
import { CtiTokensSection } from './CtiTokensSection';

/** 电话系统: the cold-line monitor's standards, tokens for the phone systems' CTI webhook, blocked callers, and CDR import (issue 10). */
export default function TelephonyPage() {
  const { t } = useTranslation();
  return (
    <Panel title={t('telephony.title')}>
      <PageTitle title={t('telephony.title')} />
      <Typography.Paragraph type="secondary">{t('telephony.intro')}</Typography.Paragraph>
      <ColdLinesSection />
      <CtiTokensSection />
      <BlockedNumbersSection />
      <CdrImportSection />
    </Panel>
  );
}
