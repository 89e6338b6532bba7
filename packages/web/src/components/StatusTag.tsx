import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { isCaseStatus, statusCategory, type StatusCategory } from '@openline/core';
import { statusLabel } from '../i18n/labels';

// Colour follows the status category (DESIGN §4), so new statuses in a category need no change here.
const CATEGORY_COLOR: Record<StatusCategory, string> = {
  intake: 'blue',
  with_department: 'orange',
  follow_up: 'cyan',
  done: 'green',
  side: 'default',
};

export function StatusTag({ status, testId }: { status: string; testId?: string }) {
  const { t } = useTranslation();
  const color = isCaseStatus(status) ? CATEGORY_COLOR[statusCategory(status)] : 'default';
  return (
    <Tag color={color} data-testid={testId} data-status={status}>
      {statusLabel(t, status)}
    </Tag>
  );
}
