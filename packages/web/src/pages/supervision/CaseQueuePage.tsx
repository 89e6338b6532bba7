import { Button, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListParams, CaseSummary } from '../../api/cases';
import { CaseTable } from '../../components/case-table/CaseTable';
import type { CaseColumnKey } from '../../components/case-table/columns';
import { usePagedCases } from '../../components/case-table/usePagedCases';
import { useCaseChanged } from '../../api/queries/cases';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';

interface CaseQueuePageProps {
  title: string;
  intro: string;
  filters: Omit<CaseListParams, 'page' | 'pageSize'>;
  columns: readonly CaseColumnKey[];
  testId: string;
  /** Row actions; receives `refresh`, which marks every case list stale after an act. */
  actions?: (refresh: () => void) => TableColumnsType<CaseSummary>;
  children?: (refresh: () => void) => ReactNode;
}

/** A supervisor's fixed view of the case list: overdue cases, disputed returns. */
export function CaseQueuePage({ title, intro, filters, columns, testId, actions, children }: CaseQueuePageProps) {
  const { t } = useTranslation();
  const { cases, data, paging, goTo, reload } = usePagedCases(filters);
  const changed = useCaseChanged();
  const refresh = () => changed();
  return (
    <Panel
      title={title}
      extra={
        <Button onClick={reload} loading={cases.isFetching}>
          {t('common.refresh')}
        </Button>
      }
    >
      <PageTitle title={title} />
      <Typography.Paragraph type="secondary">
        {intro} {t('cases.timeZoneHint')}
      </Typography.Paragraph>
      <LoadError error={cases.error} onRetry={reload} />
      <CaseTable
        testId={testId}
        data={data}
        loading={cases.isFetching}
        {...paging}
        onPageChange={goTo}
        columns={columns}
        extraColumns={actions?.(refresh)}
      />
      {children?.(refresh)}
    </Panel>
  );
}
