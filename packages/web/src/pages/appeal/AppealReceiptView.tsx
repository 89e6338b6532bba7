import { Alert, Button, Descriptions, Flex, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppealReceipt } from '../../api/openline';
import { ButtonLink } from '../../components/ButtonLink';
import type { PhotoOutcome } from './AppealForm';
import { useAnnouncedResult } from './useAnnouncedResult';

/**
 * Shown once after submitting: the tracking code cannot be recovered later, so it gets the stage.
 * The appeal is accepted before it is processed (ADR 0032): its case number, if it gets one of its
 * own, appears on the tracking page.
 */
export function AppealReceiptView({ receipt, photos, onAnother }: { receipt: AppealReceipt; photos?: PhotoOutcome; onAnother: () => void }) {
  const { t } = useTranslation();
  const headingRef = useAnnouncedResult();

  return (
    <div ref={headingRef} tabIndex={-1} className="receipt" aria-live="polite">
      <Result status="success" title={t('appeal.success.title')} subTitle={t('appeal.success.subtitle')} />
      <Descriptions
        bordered
        column={1}
        size="middle"
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          {
            key: 'trackingCode',
            label: t('appeal.success.trackingCode'),
            children: (
              <Typography.Text copyable={{ text: receipt.trackingCode }} strong className="mono tracking-code">
                <span data-testid="appeal-tracking-code">{receipt.trackingCode}</span>
              </Typography.Text>
            ),
          },
        ]}
      />
      {photos && photos.uploaded > 0 && (
        <Alert className="receipt__notice" type="success" showIcon title={t('attachments.photosUploaded', { count: photos.uploaded })} data-testid="appeal-photos-uploaded" />
      )}
      {photos && photos.failed > 0 && (
        <Alert className="receipt__notice" type="warning" showIcon title={t('attachments.photosFailed', { count: photos.failed, reason: photos.reason ?? '' })} data-testid="appeal-photos-failed" />
      )}
      <Alert className="receipt__notice" type="info" showIcon title={t('appeal.success.receivedNote')} data-testid="appeal-received-note" />
      <Alert
        className="receipt__notice"
        type="warning"
        showIcon
        title={t('appeal.success.keepCode')}
        description={t('appeal.success.keepCodeDetail')}
      />
      <Flex gap="middle" justify="center" wrap className="receipt__actions">
        <ButtonLink type="primary" size="large" to={`/track/${receipt.trackingCode}`} data-testid="appeal-track-link">
          {t('appeal.success.track')}
        </ButtonLink>
        <Button size="large" onClick={onAnother}>
          {t('appeal.success.another')}
        </Button>
      </Flex>
    </div>
  );
}
