import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallbackTask } from '../../api/callbacks';

/** Open (with tries so far) or the outcome it closed with. */
export function CallbackStateTag({ task }: { task: Pick<CallbackTask, 'status' | 'outcome' | 'failedTries'> }) {
  const { t } = useTranslation();
  if (task.status === 'closed' && task.outcome) {
    return <Tag color={task.outcome === 'not_reached' ? 'orange' : 'green'}>{t(`callbacks.outcomes.${task.outcome}`)}</Tag>;
  }
  return (
    <Tag color="blue">
      {t('callbacks.status.open')}
      {task.failedTries > 0 && ` · ${t('callbacks.detail.tries', { count: task.failedTries })}`}
    </Tag>
  );
}
