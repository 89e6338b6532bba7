import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getPetition, petitionKeys, revealPetition, type RevealedPetition } from '../../api/petitions';
import { LoadError } from '../../components/LoadError';
import { PageSpinner } from '../../components/PageSpinner';
import { describeError } from '../../lib/errors';
import { formatCityTime } from '../../lib/time';
import { CompletePetitionForm } from './CompletePetitionForm';
import { PetitionGaps } from './PetitionGaps';

/** One petition, masked; the audited reveal for the call back, and the form that completes it. */
export function PetitionDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const detail = useQuery({ queryKey: petitionKeys.detail(id), queryFn: ({ signal }) => getPetition(id, signal) });
  const [reason, setReason] = useState('');
  const [revealed, setRevealed] = useState<RevealedPetition | null>(null);
  const reveal = useMutation({ mutationFn: () => revealPetition(id, reason.trim()), onSuccess: setRevealed, onError: (e) => void message.error(describeError(t, e)) });
  const shown = (value: string | null) => value ?? <Typography.Text type="secondary">{t('petitions.none')}</Typography.Text>;
  const p = detail.data;

  return (
    <Drawer open onClose={onClose} size="large" title={t('petitions.detailTitle')} destroyOnHidden data-testid="petition-drawer">
      <LoadError error={detail.error} onRetry={() => void detail.refetch()} />
      {detail.isPending && <PageSpinner />}
      {p && (
        <Flex vertical gap="middle">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('petitions.columns.from')}>
              <span className="mono">{shown(p.from)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('petitions.field.unit')}>{shown(p.unit?.name ?? null)}</Descriptions.Item>
            <Descriptions.Item label={t('petitions.field.name')}>{shown(p.name)}</Descriptions.Item>
            <Descriptions.Item label={t('petitions.field.address')}>{shown(p.address)}</Descriptions.Item>
            <Descriptions.Item label={t('petitions.field.idNumber')}>
              <span className="mono">{shown(p.idNumber)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('petitions.field.demand')}>{shown(p.demand)}</Descriptions.Item>
            <Descriptions.Item label={t('petitions.columns.gaps')}>
              <PetitionGaps missing={p.missing} invalid={p.invalid} />
            </Descriptions.Item>
            <Descriptions.Item label={t('petitions.columns.expiresAt')}>{formatCityTime(p.expiresAt)}</Descriptions.Item>
            <Descriptions.Item label={t('petitions.text')}>
              <Typography.Paragraph className="prewrap" style={{ marginBottom: 0 }} data-testid="petition-text">
                {p.text}
              </Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>

          {revealed ? (
            <Alert
              type="warning"
              title={t('petitions.revealed')}
              data-testid="petition-revealed"
              description={
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('petitions.columns.from')}>{shown(revealed.from)}</Descriptions.Item>
                  <Descriptions.Item label={t('petitions.field.name')}>{shown(revealed.name)}</Descriptions.Item>
                  <Descriptions.Item label={t('petitions.field.address')}>{shown(revealed.address)}</Descriptions.Item>
                  <Descriptions.Item label={t('petitions.field.idNumber')}>{shown(revealed.idNumber)}</Descriptions.Item>
                  <Descriptions.Item label={t('petitions.revealedText')}>
                    <span className="prewrap">{revealed.text}</span>
                  </Descriptions.Item>
                </Descriptions>
              }
            />
          ) : (
            <Flex gap="small">
              <Input
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder={t('petitions.revealReasonPlaceholder')}
                aria-label={t('petitions.revealReason')}
                maxLength={200}
                data-testid="petition-reveal-reason"
              />
              <Button onClick={() => reveal.mutate()} disabled={reason.trim().length < 2} loading={reveal.isPending} data-testid="petition-reveal">
                {t('petitions.reveal')}
              </Button>
            </Flex>
          )}

          {p.status === 'pending' && (
            <CompletePetitionForm
              petition={p}
              onDone={(caseNumber) => {
                void message.success(caseNumber ? t('petitions.completed', { caseNumber }) : t('petitions.completedNoCase'));
                void client.invalidateQueries({ queryKey: petitionKeys.all });
                onClose();
              }}
            />
          )}
        </Flex>
      )}
    </Drawer>
  );
}
