import { useTranslation } from 'react-i18next';
import type { CaseColumnKey } from '../../components/case-table/columns';
import { CaseQueuePage } from './CaseQueuePage';

const FILTERS = { overdue: true, sort: 'deadline' as const };
const COLUMNS: CaseColumnKey[] = ['caseNumber', 'status', 'deadline', 'leadUnit', 'urgency', 'type', 'content', 'createdAt'];

/** 超期督办: cases past a deadline, the longest overdue first. */
export default function OverduePage() {
  const { t } = useTranslation();
  return (
    <CaseQueuePage
      title={t('supervision.overdueTitle')}
      intro={t('supervision.overdueIntro')}
      filters={FILTERS}
      columns={COLUMNS}
      testId="overdue-table"
    />
  );
}
