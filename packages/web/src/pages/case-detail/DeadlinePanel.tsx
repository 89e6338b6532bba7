import { Button, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDeadline } from '../../api/cases';
import { deadlineKindLabel } from '../../i18n/labels';
import { deadlineState, sortDeadlines, type DeadlineState } from '../../lib/deadlines';
import { formatDuration } from '../../lib/duration';
import { formatCityTime } from '../../lib/time';
import { useNow } from '../../lib/useNow';

const COLOR: Record<DeadlineState, string> = {
  overdue: 'red',
  dueSoon: 'orange',
  running: 'blue',
  met: 'green',
  cancelled: 'default',
};

/**
 * The case's deadlines with live countdowns, refreshed each minute. Deadlines cancelled by a
 * return or a re-dispatch are history, folded away so the running ones stay in view.
 */
export function DeadlinePanel({ deadlines }: { deadlines: readonly CaseDeadline[] }) {
  const { t } = useTranslation();
  const now = useNow();
  const [showCancelled, setShowCancelled] = useState(false);
  const cancelled = deadlines.filter((d) => deadlineState(d, now) === 'cancelled').length;
  const shown = sortDeadlines(deadlines, now).filter((d) => showCancelled || deadlineState(d, now) !== 'cancelled');

  return (
    <>
      {shown.length === 0 && <Typography.Text type="secondary">{t('deadline.none')}</Typography.Text>}
      <ul className="deadline-list" data-testid="deadlines">
        {shown.map((deadline) => (
          <DeadlineRow key={`${deadline.kind}-${deadline.dueAt}-${deadline.cancelledAt ?? ''}`} deadline={deadline} now={now} />
        ))}
      </ul>
      {cancelled > 0 && (
        <Button type="link" size="small" onClick={() => setShowCancelled((v) => !v)}>
          {showCancelled ? t('deadline.hideCancelled') : t('deadline.showCancelled', { count: cancelled })}
        </Button>
      )}
    </>
  );
}

function DeadlineRow({ deadline, now }: { deadline: CaseDeadline; now: number }) {
  const { t } = useTranslation();
  const state = deadlineState(deadline, now);
  const left = Date.parse(deadline.dueAt) - now;
  return (
    <li className={`deadline deadline--${state}`} data-testid={`deadline-${deadline.kind}`} data-state={state}>
      <Flex justify="space-between" align="baseline" gap="small" wrap>
        <Typography.Text strong delete={state === 'cancelled'}>
          {deadlineKindLabel(t, deadline.kind)}
        </Typography.Text>
        <Tag color={COLOR[state]} style={{ marginInlineEnd: 0 }}>
          {state === 'met' && `✓ ${t('deadline.met', { time: formatCityTime(deadline.metAt ?? '') })}`}
          {state === 'cancelled' && t('deadline.cancelled')}
          {state === 'overdue' && t('deadline.overdueBy', { duration: formatDuration(t, left) })}
          {(state === 'running' || state === 'dueSoon') && t('deadline.remaining', { duration: formatDuration(t, left) })}
        </Tag>
      </Flex>
      <Typography.Text type="secondary" className="deadline__due">
        <time dateTime={deadline.dueAt}>{t('deadline.due', { time: formatCityTime(deadline.dueAt) })}</time>
      </Typography.Text>
    </li>
  );
}
