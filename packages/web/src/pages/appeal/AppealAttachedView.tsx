import { Alert, Button, Descriptions, Flex, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AttachedAppealReceipt } from '../../api/openline';
import { StatusTag } from '../../components/StatusTag';
import { useAnnouncedResult } from './useAnnouncedResult';

/**
 * Shown when the appeal repeats the citizen's own open case: it was added to that case, so there
 * is no new number to keep — only the earlier case and where it stands.
 */
export function AppealAttachedView({ receipt, onAnother }: { receipt: AttachedAppealReceipt; onAnother: () => void }) {
  const { t } = useTranslation();
  const headingRef = useAnnouncedResult();

  return (
    <div ref={headingRef} tabIndex={-1} className="receipt" aria-live="polite" data-testid="appeal-attached">
      <Result status="info" title={t('appeal.attached.title')} subTitle={t('appeal.attached.subtitle')} />
      <Descriptions
        bordered
        column={1}
        size="middle"
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          {
            key: 'caseNumber',
            label: t('appeal.attached.caseNumber'),
            children: (
              <Typography.Text className="mono receipt__value">
                <span data-testid="appeal-attached-case-number">{receipt.caseNumber}</span>
              </Typography.Text>
            ),
          },
          {
            key: 'status',
            label: t('appeal.attached.status'),
            children: <StatusTag status={receipt.status} testId="appeal-attached-status" />,
          },
        ]}
      />
      <Alert className="receipt__notice" type="info" showIcon title={t('appeal.attached.trackHint')} />
      <Flex gap="middle" justify="center" wrap className="receipt__actions">
        <Button size="large" onClick={onAnother}>
          {t('appeal.success.another')}
        </Button>
      </Flex>
    </div>
  );
}
