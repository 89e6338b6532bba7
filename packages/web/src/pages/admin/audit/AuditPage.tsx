import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DatePicker, Flex, Input, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { listAudit, type AuditEntry } from '../../../api/logs';
import { LoadError } from '../../../components/LoadError';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { auditActionLabel } from '../../../i18n/labels';
import { cityDayEnd, cityDayStart, fromPickerValue, isDateString, toPickerValue } from '../../../lib/dates';
import { readPaging, urlPagination, writePaging } from '../../../lib/paging';
import { formatCityTime } from '../../../lib/time';
import { adminKeys } from '../../../api/queries/adminKeys';
import { useExpireOnUnauthenticated } from '../../../session/context';

/** The audit log, filtered by action and period; the URL keeps the filters for sharing with a colleague. */
export default function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const paging = readPaging(params);
  const action = (params.get('action') ?? '').trim();
  const from = isDateString(params.get('from')) ? params.get('from') : null;
  const to = isDateString(params.get('to')) ? params.get('to') : null;
  const query = {
    ...paging,
    action: action || undefined,
    from: from ? cityDayStart(from) : undefined,
    to: to ? cityDayEnd(to) : undefined,
  };
  const audit = useQuery({ queryKey: adminKeys.audit(query), queryFn: ({ signal }) => listAudit(query, signal), placeholderData: keepPreviousData });
  useExpireOnUnauthenticated(audit.error);
  const data = audit.data;
  const [actionText, setActionText] = useState(action);
  useEffect(() => setActionText(action), [action]);

  const setFilter = (changes: Record<string, string | null>) => {
    const next = writePaging(params, { page: 1, pageSize: paging.pageSize });
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'createdAt', title: t('audit.columns.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => <time dateTime={v}>{formatCityTime(v)}</time> },
    {
      key: 'action',
      title: t('audit.columns.action'),
      dataIndex: 'action',
      width: 180,
      // The code stays one hover away: the filter above takes codes ("case." for a family).
      render: (v: string) => (
        <Tooltip title={<span className="mono">{v}</span>}>
          <span data-testid="audit-action-label">{auditActionLabel(t, v)}</span>
        </Tooltip>
      ),
    },
    { key: 'actor', title: t('audit.columns.actor'), dataIndex: 'actorName', width: 120, render: (v: string | null) => v ?? t('common.none') },
    {
      key: 'target',
      title: t('audit.columns.target'),
      width: 220,
      render: (_: unknown, row) =>
        row.targetType === 'case' && row.targetId ? (
          <Link to={`/cases/${row.targetId}`}>{t('audit.family.case')}</Link>
        ) : row.targetType ? (
          <span className="mono">{`${row.targetType}:${row.targetId ?? ''}`}</span>
        ) : (
          t('common.none')
        ),
    },
    { key: 'ip', title: t('audit.columns.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => <span className="mono">{v ?? t('common.none')}</span> },
    {
      key: 'detail',
      title: t('audit.columns.detail'),
      dataIndex: 'detail',
      width: 360,
      ellipsis: { showTitle: true },
      // The detail is the server's structured record; shown verbatim so nothing is lost in translation.
      render: (detail: Record<string, unknown> | null) => (detail && Object.keys(detail).length > 0 ? <span className="mono">{JSON.stringify(detail)}</span> : t('common.none')),
    },
  ];

  return (
    <Panel title={t('audit.title')}>
      <PageTitle title={t('audit.title')} />
      <Typography.Paragraph type="secondary">
        {t('audit.intro')} {t('cases.timeZoneHint')}
      </Typography.Paragraph>
      <Flex gap="small" wrap className="case-filters" role="search">
        <Input.Search
          allowClear
          data-testid="audit-action"
          aria-label={t('audit.action')}
          placeholder={t('audit.actionPlaceholder')}
          value={actionText}
          onChange={(event) => setActionText(event.target.value)}
          onSearch={(value) => setFilter({ action: value.trim() || null })}
          style={{ width: 240 }}
        />
        <DatePicker.RangePicker
          aria-label={t('audit.dateRange')}
          data-testid="audit-dates"
          allowEmpty={[true, true]}
          value={[toPickerValue(from), toPickerValue(to)]}
          onChange={(range) => setFilter({ from: fromPickerValue(range?.[0]), to: fromPickerValue(range?.[1]) })}
        />
      </Flex>
      <LoadError error={audit.error} onRetry={() => void audit.refetch()} />
      <div data-testid="audit-table" className="case-table">
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={audit.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('audit.empty') }}
          pagination={urlPagination({ paging, total: data?.total ?? 0, params, setParams })}
        />
      </div>
    </Panel>
  );
}
