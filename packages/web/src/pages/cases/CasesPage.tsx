import { Alert, Button, Flex, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { caseExportPath } from '../../api/cases';
import { useCaseList } from '../../api/queries/cases';
import { ButtonLink } from '../../components/ButtonLink';
import { DownloadButton } from '../../components/DownloadButton';
import { CaseTable } from '../../components/case-table/CaseTable';
import { useLastPageGuard } from '../../components/case-table/useLastPageGuard';
import { caseTotalKey } from '../../components/case-table/caseTotal';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { describeError } from '../../lib/errors';
import { isUnauthenticated, useExpireOnUnauthenticated, useStaffUser } from '../../session/context';
import { CaseFilters } from './CaseFilters';
import { FigureTag } from './FigureTag';
import { readCaseListQuery, toListParams, writeCaseListQuery, type CaseListFilters } from './query';
import { BeforeTag, SearchedSinceNotice } from './SearchedSince';

const INTAKE_ROLES = ['operator', 'admin'];

export default function CasesPage() {
  const { t } = useTranslation();
  const user = useStaffUser();
  const [params, setParams] = useSearchParams();
  const query = readCaseListQuery(params);
  const apiParams = toListParams(query);
  const { page: _page, pageSize: _pageSize, sort: _sort, ...exportParams } = apiParams;
  const cases = useCaseList(apiParams);
  const failure = cases.error;
  useExpireOnUnauthenticated(failure);
  const { data } = cases;
  const reload = () => void cases.refetch();

  const { page, pageSize } = query;
  const goTo = useCallback(
    (nextPage: number, nextSize?: number) =>
      setParams((current) => {
        const previous = readCaseListQuery(current);
        return writeCaseListQuery({ ...previous, page: nextPage, pageSize: nextSize ?? previous.pageSize });
      }),
    [setParams],
  );
  useLastPageGuard(data, page, pageSize, goTo);
  // New filters start from the first page.
  const onFilters = (filters: CaseListFilters) => setParams(writeCaseListQuery({ ...filters, page: 1, pageSize }));

  return (
    <Panel
      title={t('cases.title')}
      extra={
        <Flex align="center" gap="middle">
          {data && <Typography.Text type="secondary">{t(caseTotalKey(data), { total: data.total })}</Typography.Text>}
          {user.roles.some((role) => INTAKE_ROLES.includes(role)) && (
            <ButtonLink type="primary" to="/cases/new" data-testid="cases-new">
              {t('nav.newCase')}
            </ButtonLink>
          )}
          {/* The export holds what the list shows: the same filters from the URL, every page. */}
          <DownloadButton path={caseExportPath('csv', exportParams)} fallbackName="cases.csv" label={t('cases.exportCsv')} testId="cases-export-csv" />
          <DownloadButton path={caseExportPath('xlsx', exportParams)} fallbackName="cases.xlsx" label={t('cases.exportExcel')} testId="cases-export-xlsx" />
          <Button onClick={reload} loading={cases.isFetching}>
            {t('common.refresh')}
          </Button>
        </Flex>
      }
    >
      <PageTitle title={t('cases.title')} />
      <Typography.Paragraph type="secondary" className="cases-hint">
        {t('cases.maskedHint')} {t('cases.timeZoneHint')} {t('cases.exportHint')}
      </Typography.Paragraph>
      <CaseFilters value={query} onChange={onFilters} />
      {query.figure && <FigureTag figure={query.figure} onRemove={() => onFilters({ ...query, figure: null })} />}
      {query.before && <BeforeTag before={query.before} onRemove={() => onFilters({ ...query, before: null })} />}
      {failure !== null && !isUnauthenticated(failure) && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="form-alert"
          title={t('cases.loadFailed')}
          description={describeError(t, failure)}
          action={
            <Button size="small" onClick={reload}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      {data?.searchedSince && (
        <SearchedSinceNotice since={data.searchedSince} onSearchEarlier={() => onFilters({ ...query, before: data.searchedSince ?? null })} />
      )}
      <CaseTable
        testId="case-table"
        data={data}
        loading={cases.isFetching}
        page={page}
        pageSize={pageSize}
        onPageChange={goTo}
      />
    </Panel>
  );
}
