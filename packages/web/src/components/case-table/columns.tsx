import { Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { CaseSummary } from '../../api/openline';
import { StatusTag } from '../../components/StatusTag';
import { caseTypeLabel, channelLabel, urgencyLabel } from '../../i18n/labels';
import { formatCityTime } from '../../lib/time';

// Normal is the unmarked default; only what needs attention gets a colour.
const URGENCY_COLOR: Record<string, string | undefined> = { urgent: 'orange', emergency: 'red' };

export function caseColumns(t: TFunction): TableColumnsType<CaseSummary> {
  return [
    {
      key: 'caseNumber',
      title: t('cases.columns.caseNumber'),
      dataIndex: 'caseNumber',
      fixed: 'start',
      width: 160,
      render: (value: string) => <span className="mono">{value}</span>,
    },
    {
      key: 'status',
      title: t('cases.columns.status'),
      dataIndex: 'status',
      width: 110,
      render: (value: string) => <StatusTag status={value} />,
    },
    {
      key: 'type',
      title: t('cases.columns.type'),
      dataIndex: 'type',
      width: 100,
      render: (value: string) => caseTypeLabel(t, value),
    },
    {
      key: 'urgency',
      title: t('cases.columns.urgency'),
      dataIndex: 'urgency',
      width: 100,
      render: (value: string) => {
        const color = URGENCY_COLOR[value];
        return color ? <Tag color={color}>{urgencyLabel(t, value)}</Tag> : urgencyLabel(t, value);
      },
    },
    {
      key: 'channel',
      title: t('cases.columns.channel'),
      dataIndex: 'channel',
      width: 110,
      render: (value: string) => channelLabel(t, value),
    },
    { key: 'caller', title: t('cases.columns.caller'), dataIndex: 'callerName', width: 100 },
    {
      key: 'phone',
      title: t('cases.columns.phone'),
      dataIndex: 'callerPhone',
      width: 130,
      render: (value: string) => <span className="mono">{value}</span>,
    },
    {
      key: 'content',
      title: t('cases.columns.content'),
      dataIndex: 'contentPreview',
      width: 320,
      ellipsis: { showTitle: true },
    },
    {
      key: 'address',
      title: t('cases.columns.address'),
      dataIndex: 'address',
      width: 180,
      ellipsis: { showTitle: true },
      render: (value: string | null) => value ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      key: 'createdAt',
      title: t('cases.columns.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (value: string) => <time dateTime={value}>{formatCityTime(value)}</time>,
    },
  ];
}
