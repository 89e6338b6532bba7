import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseEventView } from '../../api/cases';
import { eventLabel, statusLabel } from '../../i18n/labels';
import { formatCityTime } from '../../lib/time';
import { eventFacts } from './eventFacts';

// Colour says what kind of moment it was: trouble, a warning, the end, or ordinary progress.
const COLOR: Record<string, string> = {
  returned: 'red',
  deadline_overdue: 'red',
  invalidated: 'red',
  extension_rejected: 'red',
  deadline_reminder: 'orange',
  extension_requested: 'orange',
  closed: 'green',
  answered_directly: 'green',
  visited: 'green',
};

interface CaseTimelineProps {
  events: readonly CaseEventView[];
  unitName: (id: string) => string | undefined;
}

/** The case's event log (工单日志), oldest first: it reads as the story of the case. */
export function CaseTimeline({ events, unitName }: CaseTimelineProps) {
  const { t } = useTranslation();

  if (events.length === 0) return <Typography.Text type="secondary">{t('caseDetail.noEvents')}</Typography.Text>;

  const actor = (event: CaseEventView): string => {
    if (event.actorKind === 'system') return t('timeline.system');
    if (event.actorKind === 'citizen') return t('timeline.citizen');
    return event.actorName ?? t('actor.staff');
  };

  return (
    <div data-testid="timeline">
      <Timeline
        titleSpan="136px"
        items={events.map((event) => ({
          key: String(event.id),
          color: COLOR[event.type] ?? (event.actorKind === 'system' ? 'gray' : 'blue'),
          title: (
            <time dateTime={event.createdAt} className="timeline__time">
              {formatCityTime(event.createdAt)}
            </time>
          ),
          content: (
            <div className="timeline__event" data-testid="timeline-event" data-type={event.type}>
              <Typography.Text strong>{eventLabel(t, event.type)}</Typography.Text>
              <Typography.Text type="secondary"> · {actor(event)}</Typography.Text>
              {event.fromStatus && event.toStatus && event.fromStatus !== event.toStatus && (
                <Typography.Text type="secondary">
                  {' '}
                  · {statusLabel(t, event.fromStatus)} → {statusLabel(t, event.toStatus)}
                </Typography.Text>
              )}
              {event.reason && <div className="timeline__reason">{t('timeline.reason', { reason: event.reason })}</div>}
              {eventFacts(t, event, unitName).map((fact) => (
                <div key={fact} className="timeline__fact">
                  {fact}
                </div>
              ))}
            </div>
          ),
        }))}
      />
    </div>
  );
}
