import { Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { CaseSummary } from '../../api/cases';
import { StatusTag } from '../StatusTag';
import { UrgencyTag } from '../UrgencyTag';
import { caseTypeLabel, channelLabel } from '../../i18n/labels';
import { formatCityTime } from '../../lib/time';
import { NextDeadlineCell } from './NextDeadlineCell';

export type CaseColumnKey =
  | 'caseNumber'
  | 'status'
  | 'deadline'
  | 'type'
  | 'urgency'
  | 'leadUnit'
  | 'line'
  | 'channel'
  | 'caller'
  | 'phone'
  | 'content'
  | 'address'
  | 'createdAt';

export const ALL_CASE_COLUMNS: readonly CaseColumnKey[] = [
  'caseNumber',
  'status',
  'deadline',
  'type',
  'urgency',
  'leadUnit',
  'line',
  'channel',
  'caller',
  'phone',
  'content',
  'address',
  'createdAt',
];

const muted = (t: TFunction) => <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
/** Where a protected tip-line reporter would be: say so, rather than look like a caller who gave nothing. */
const protectedCaller = (t: TFunction) => (
  <Tag color="purple" data-testid="caller-protected">
    {t('cases.callerProtected')}
  </Tag>
);

/**
 * The case table's columns; pages pick the ones they need, in this order. `now` is the page's
 * one-minute tick, shared by every countdown.
 */
export function caseColumns(t: TFunction, now: number, keys: readonly CaseColumnKey[] = ALL_CASE_COLUMNS): TableColumnsType<CaseSummary> {
  const all: Record<CaseColumnKey, TableColumnsType<CaseSummary>[number]> = {
    caseNumber: {
      key: 'caseNumber',
      title: t('cases.columns.caseNumber'),
      dataIndex: 'caseNumber',
      fixed: 'start',
      width: 160,
      render: (value: string, row) => (
        <Link to={`/cases/${row.id}`} className="mono" data-testid="case-link">
          {value}
        </Link>
      ),
    },
    status: {
      key: 'status',
      title: t('cases.columns.status'),
      dataIndex: 'status',
      width: 150,
      render: (value: string, row) => (
        <>
          <StatusTag status={value} />
          {row.awaitingArbitration && <Tag color="red">{t('caseDetail.awaitingArbitration')}</Tag>}
        </>
      ),
    },
    deadline: {
      key: 'deadline',
      title: t('cases.columns.deadline'),
      dataIndex: 'nextDeadline',
      width: 200,
      render: (_: unknown, row) => <NextDeadlineCell deadline={row.nextDeadline} now={now} />,
    },
    type: {
      key: 'type',
      title: t('cases.columns.type'),
      dataIndex: 'type',
      width: 100,
      render: (value: string) => caseTypeLabel(t, value),
    },
    urgency: {
      key: 'urgency',
      title: t('cases.columns.urgency'),
      dataIndex: 'urgency',
      width: 100,
      render: (value: string) => <UrgencyTag urgency={value} />,
    },
    leadUnit: {
      key: 'leadUnit',
      title: t('cases.columns.leadUnit'),
      dataIndex: 'leadUnitName',
      width: 180,
      ellipsis: { showTitle: true },
      render: (value: string | null | undefined, row) => (
        <>
          {value ?? muted(t)}
          {(row.bounceCount ?? 0) > 0 && (
            <Tag color="orange" style={{ marginInlineStart: 6 }}>
              {t('cases.bounceCount', { count: row.bounceCount })}
            </Tag>
          )}
        </>
      ),
    },
    line: {
      key: 'line',
      title: t('cases.columns.line'),
      dataIndex: 'lineName',
      width: 150,
      ellipsis: { showTitle: true },
      render: (value: string | null | undefined) => value ?? muted(t),
    },
    channel: {
      key: 'channel',
      title: t('cases.columns.channel'),
      dataIndex: 'channel',
      width: 110,
      render: (value: string) => channelLabel(t, value),
    },
    caller: {
      key: 'caller',
      title: t('cases.columns.caller'),
      dataIndex: 'callerName',
      width: 100,
      render: (value: string | null, row) => (row.callerProtected ? protectedCaller(t) : value),
    },
    phone: {
      key: 'phone',
      title: t('cases.columns.phone'),
      dataIndex: 'callerPhone',
      width: 130,
      render: (value: string | null, row) => (row.callerProtected ? protectedCaller(t) : <span className="mono">{value}</span>),
    },
    content: {
      key: 'content',
      title: t('cases.columns.content'),
      dataIndex: 'contentPreview',
      width: 320,
      ellipsis: { showTitle: true },
    },
    address: {
      key: 'address',
      title: t('cases.columns.address'),
      dataIndex: 'address',
      width: 180,
      ellipsis: { showTitle: true },
      render: (value: string | null, row) => (row.callerProtected ? protectedCaller(t) : (value ?? muted(t))),
    },
    createdAt: {
      key: 'createdAt',
      title: t('cases.columns.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (value: string) => <time dateTime={value}>{formatCityTime(value)}</time>,
    },
  };
  return keys.map((key) => all[key]);
}
