import { Descriptions, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isCaseStatus } from '@openline/core';
import type { AppealProgress } from '../../api/openline';
import { StatusTag } from '../../components/StatusTag';
import { formatCityTime } from '../../lib/time';
import { MILESTONES, milestoneIndex } from './progress';

export function TrackResult({ progress }: { progress: AppealProgress }) {
  const { t } = useTranslation();
  const { status } = progress;
  const current = isCaseStatus(status) ? milestoneIndex(status) : null;

  return (
    <div aria-live="polite">
      <Descriptions
        bordered
        column={1}
        size="middle"
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          {
            key: 'caseNumber',
            label: t('track.caseNumber'),
            children: (
              <span className={progress.caseNumber === null ? undefined : 'mono'} data-testid="track-case-number">
                {progress.caseNumber ?? t(progress.stage === 'processing' ? 'track.caseNumberPending' : 'track.caseNumberNone')}
              </span>
            ),
          },
          {
            key: 'status',
            label: t('track.status'),
            children: (
              <>
                <StatusTag status={progress.status} testId="track-status" />
                {isCaseStatus(progress.status) && (
                  <Typography.Paragraph className="status-explanation">
                    {t(`statusForCitizen.${progress.status}`)}
                  </Typography.Paragraph>
                )}
              </>
            ),
          },
          {
            key: 'createdAt',
            label: t('track.createdAt'),
            children: (
              <time dateTime={progress.createdAt}>
                {formatCityTime(progress.createdAt)}
                {t('common.beijingTime')}
              </time>
            ),
          },
        ]}
      />
      {current !== null && (
        <section className="track-progress" aria-label={t('track.progress')}>
          <Steps
            size="small"
            titlePlacement="vertical"
            responsive
            current={current}
            status={progress.status === 'closed' ? 'finish' : 'process'}
            items={MILESTONES.map((milestone) => ({ title: t(`progress.${milestone}`) }))}
          />
        </section>
      )}
    </div>
  );
}
