import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchCalendar, type CalendarWarning, type CalendarYear } from '../../../api/settings';
import { LoadError } from '../../../components/LoadError';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { zhCN } from '../../../i18n/zh-CN';
import { useExpireOnUnauthenticated } from '../../../session/context';
import { CalendarYearModal } from './CalendarYearModal';

const CALENDAR_KEY = ['admin', 'calendar'] as const;
type Editing = { existing: CalendarYear | null; year: number };

function isKnownWarning(code: string): code is keyof typeof zhCN.calendar.warning {
  return Object.hasOwn(zhCN.calendar.warning, code);
}

/** The working calendar: which years are covered and from where, with a warning for a missing year. */
export default function CalendarPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const calendar = useQuery({ queryKey: CALENDAR_KEY, queryFn: ({ signal }) => fetchCalendar(signal) });
  useExpireOnUnauthenticated(calendar.error);
  const [editing, setEditing] = useState<Editing | null>(null);
  const data = calendar.data;
  const years = data?.years ?? [];
  const nextYear = Math.max(new Date().getFullYear(), ...years.map((y) => y.year)) + 1;

  const warningText = (warning: CalendarWarning) =>
    isKnownWarning(warning.code) ? t(`calendar.warning.${warning.code}`, { year: warning.year }) : `${warning.code} ${warning.year}`;

  // `coverage.loaded` is the server's own word on which years an admin entered; `source` names
  // the origin ("admin", or the package) and is the fallback.
  const isLoaded = (y: CalendarYear) => Boolean(data?.coverage.loaded.includes(y.year)) || y.source === 'admin';

  const columns: TableColumnsType<CalendarYear> = [
    { key: 'year', title: t('calendar.year'), dataIndex: 'year', width: 90 },
    {
      key: 'source',
      title: t('calendar.source'),
      dataIndex: 'source',
      width: 160,
      render: (source: string, y) =>
        isLoaded(y) ? <Tag color="blue">{t('calendar.sourceLoaded')}</Tag> : <Tag title={source}>{t('calendar.sourcePackage')}</Tag>,
    },
    { key: 'holidays', title: t('calendar.holidays'), width: 110, render: (_: unknown, y) => t('calendar.days', { count: y.holidays.length }) },
    { key: 'makeup', title: t('calendar.makeupWorkdays'), width: 120, render: (_: unknown, y) => t('calendar.days', { count: y.makeupWorkdays.length }) },
    { key: 'name', title: t('calendar.name'), dataIndex: 'name', width: 260, render: (name: string | null | undefined) => name ?? t('common.none') },
    {
      key: 'actions',
      title: t('calendar.edit'),
      width: 90,
      render: (_: unknown, y) => (
        <Button size="small" onClick={() => setEditing({ existing: y, year: y.year })} data-testid={`calendar-edit-${y.year}`}>
          {t('calendar.edit')}
        </Button>
      ),
    },
  ];

  return (
    <Panel
      title={t('calendar.title')}
      extra={
        <Button type="primary" onClick={() => setEditing({ existing: null, year: nextYear })} data-testid="calendar-load">
          {t('calendar.load')}
        </Button>
      }
    >
      <PageTitle title={t('calendar.title')} />
      <Typography.Paragraph type="secondary">{t('calendar.intro')}</Typography.Paragraph>
      <LoadError error={calendar.error} onRetry={() => void calendar.refetch()} />
      {data?.warnings.map((warning) => (
        <Alert
          key={`${warning.code}-${warning.year}`}
          type="warning"
          showIcon
          className="form-alert"
          data-testid="calendar-warning"
          title={warningText(warning)}
          action={
            <Button size="small" onClick={() => setEditing({ existing: years.find((y) => y.year === warning.year) ?? null, year: warning.year })}>
              {t('calendar.load')}
            </Button>
          }
        />
      ))}
      {data && (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          className="calendar-facts"
          items={[
            { key: 'tz', label: t('calendar.timeZone'), children: data.timeZone },
            {
              key: 'hours',
              label: t('calendar.workingHours'),
              children: data.workingHours.map((span) => t('lines.span', { start: span.start, end: span.end })).join(t('lines.listSeparator')),
            },
          ]}
        />
      )}
      <Flex vertical data-testid="calendar-years">
        <Table<CalendarYear>
          rowKey="year"
          size="middle"
          columns={columns}
          dataSource={years}
          loading={calendar.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </Flex>
      {editing && (
        <CalendarYearModal
          existing={editing.existing}
          suggestedYear={editing.year}
          onCancel={() => setEditing(null)}
          onSaved={(answer, year) => {
            client.setQueryData(CALENDAR_KEY, answer);
            setEditing(null);
            void message.success(t('calendar.saved', { year }));
          }}
        />
      )}
    </Panel>
  );
}
