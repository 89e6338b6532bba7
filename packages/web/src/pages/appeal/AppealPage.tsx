import { Alert, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealReceipt } from '../../api/openline';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { AppealForm, type PhotoOutcome } from './AppealForm';
import { EmergencyNumbers } from './EmergencyNumbers';
import { AppealReceiptView } from './AppealReceiptView';

export default function AppealPage() {
  const { t } = useTranslation();
  const [receipt, setReceipt] = useState<{ receipt: AppealReceipt; photos: PhotoOutcome } | null>(null);

  return (
    <Panel title={receipt ? undefined : t('appeal.title')}>
      <PageTitle title={t('appeal.title')} />
      {receipt ? (
        <AppealReceiptView receipt={receipt.receipt} photos={receipt.photos} onAnother={() => setReceipt(null)} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('appeal.intro')}</Typography.Paragraph>
          {/* Emergencies must not wait in a queue (DESIGN §3): send people to 110/119/120 first. */}
          {/* A standing notice, not an error: nothing went wrong yet, so warning colours. */}
          <Alert
            type="warning"
            showIcon
            className="form-alert"
            data-testid="appeal-emergency-notice"
            title={t('appeal.emergencyTitle')}
            description={<EmergencyNumbers />}
          />
          <AppealForm onSubmitted={(r, photos) => setReceipt({ receipt: r, photos })} />
        </>
      )}
    </Panel>
  );
}
