import { Alert, Button, Flex, Table, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { listCases } from '../../api/openline';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { describeError } from '../../lib/errors';
import { useRemote } from '../../lib/useRemote';
import { isUnauthenticated, useExpireOnUnauthenticated } from '../../session/context';
import { caseColumns } from './columns';
import { PAGE_SIZES, readCaseListQuery, writeCaseListQuery } from './query';

export default function CasesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = readCaseListQuery(params);
  const cases = useRemote(`${page}:${pageSize}`, (signal) => listCases({ page, pageSize }, signal));
  // `t` changes identity when the language changes, which re-translates the headers.
  const columns = useMemo(() => caseColumns(t), [t]);

  const failure = cases.status === 'error' ? cases.error : null;
  useExpireOnUnauthenticated(failure);

  const data = 'data' in cases ? cases.data : undefined;
  useEffect(() => {
    // Cases were closed or merged away since the link was made: land on the last page that exists.
    if (data && data.items.length === 0 && data.total > 0 && page > 1) {
      const last = Math.max(1, Math.ceil(data.total / pageSize));
      setParams(writeCaseListQuery({ page: last, pageSize }), { replace: true });
    }
  }, [data, page, pageSize, setParams]);

  return (
    <Panel
      title={t('cases.title')}
      extra={
        <Flex align="center" gap="middle">
          {data && <Typography.Text type="secondary">{t('cases.total', { total: data.total })}</Typography.Text>}
          <Button onClick={cases.reload} loading={cases.status === 'loading'}>
            {t('common.refresh')}
          </Button>
        </Flex>
      }
    >
      <PageTitle title={t('cases.title')} />
      <Typography.Paragraph type="secondary" className="cases-hint">
        {t('cases.maskedHint')} {t('cases.timeZoneHint')}
      </Typography.Paragraph>
      {failure !== null && !isUnauthenticated(failure) && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="form-alert"
          title={t('cases.loadFailed')}
          description={describeError(t, failure)}
          action={
            <Button size="small" onClick={cases.reload}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      <div data-testid="case-table" className="case-table">
        <Table
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={cases.status === 'loading'}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('cases.empty') }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES.map(String),
            showTotal: (total) => t('cases.total', { total }),
            placement: ['bottomEnd'],
            onChange: (nextPage, nextSize) =>
              // A new page size starts from the first page, where the newest cases are.
              setParams(writeCaseListQuery({ page: nextSize === pageSize ? nextPage : 1, pageSize: nextSize })),
          }}
        />
      </div>
    </Panel>
  );
}
