import { Descriptions, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealProgress } from '../../api/openline';
import { eventLabel, satisfactionLabel } from '../../i18n/labels';
import { formatCityTime } from '../../lib/time';

interface TrackDetailsProps {
  progress: AppealProgress;
  justRated: boolean;
  /** The rating form, when the citizen may rate: right after the reply it is about. */
  ratingForm?: ReactNode;
}

/** The department's reply, the citizen's rating (or the form for it), and the public history. */
export function TrackDetails({ progress, justRated, ratingForm }: TrackDetailsProps) {
  const { t } = useTranslation();
  const { timeline = [], replyText, repliedAt, rating } = progress;

  return (
    <>
      {replyText && (
        <section className="track-section" aria-labelledby="reply-title">
          <h2 id="reply-title" className="section__title">
            {t('track.reply')}
          </h2>
          <Typography.Paragraph className="prewrap" data-testid="track-reply">
            {replyText}
          </Typography.Paragraph>
          {repliedAt && (
            <Typography.Text type="secondary">
              <time dateTime={repliedAt}>{t('track.repliedAt', { time: formatCityTime(repliedAt) })}</time>
              {t('common.beijingTime')}
            </Typography.Text>
          )}
        </section>
      )}
      {ratingForm}
      {rating && (
        <section className="track-section" aria-labelledby="rated-title" aria-live="polite">
          <h2 id="rated-title" className="section__title">
            {justRated ? t('rating.thanks') : t('rating.yours')}
          </h2>
          <Descriptions
            size="small"
            column={1}
            data-testid="track-rating"
            items={[
              { key: 'solved', label: t('rating.solvedGiven'), children: t(rating.solved ? 'solved.yes' : 'solved.no') },
              { key: 'satisfaction', label: t('rating.satisfactionGiven'), children: satisfactionLabel(t, rating.satisfaction) },
            ]}
          />
        </section>
      )}
      {timeline.length > 0 && (
        <section className="track-section" aria-labelledby="timeline-title">
          <h2 id="timeline-title" className="section__title">
            {t('track.timeline')}
          </h2>
          <div data-testid="track-timeline">
            <Timeline
              titleSpan="136px"
              items={timeline.map((entry, index) => ({
                key: `${entry.type}-${entry.at}-${index}`,
                title: <time dateTime={entry.at}>{formatCityTime(entry.at)}</time>,
                content: eventLabel(t, entry.type),
                color: index === timeline.length - 1 ? 'blue' : 'gray',
              }))}
            />
          </div>
        </section>
      )}
    </>
  );
}
