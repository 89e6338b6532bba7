import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NextDeadline } from '../../api/cases';
import { deadlineKindLabel } from '../../i18n/labels';
import { formatDuration } from '../../lib/duration';
import { formatCityTime } from '../../lib/time';

/** The case's next running deadline as a countdown; `now` comes from the table's shared tick. */
export function NextDeadlineCell({ deadline, now }: { deadline: NextDeadline | null | undefined; now: number }) {
  const { t } = useTranslation();
  if (!deadline) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const left = Date.parse(deadline.dueAt) - now;
  const overdue = deadline.overdue || left <= 0;
  return (
    <span title={t('deadline.due', { time: formatCityTime(deadline.dueAt) })} data-testid="next-deadline" data-overdue={overdue}>
      <Typography.Text type="secondary">{deadlineKindLabel(t, deadline.kind)} </Typography.Text>
      <Tag color={overdue ? 'red' : 'blue'} style={{ marginInlineEnd: 0 }}>
        {overdue ? t('deadline.overdueBy', { duration: formatDuration(t, left) }) : t('deadline.remaining', { duration: formatDuration(t, left) })}
      </Tag>
    </span>
  );
}
