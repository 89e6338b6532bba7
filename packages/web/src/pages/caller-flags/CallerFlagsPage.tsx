import { App, Button, Flex, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallerFlags, type CallerFlag, type CallerFlagListStatus } from '../../api/callerFlags';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { formatCityTime } from '../../lib/time';
import { useExpireOnUnauthenticated, useStaffUser } from '../../session/context';
import { AbuseFlagForm } from './AbuseFlagForm';
import { DesignatedHandlerCard } from './DesignatedHandlerCard';
import { FlaggedCasesTable } from './FlaggedCasesTable';
import { ReviewButtons } from './ReviewButtons';

const TABS: CallerFlagListStatus[] = ['unreviewed', 'active', 'cleared'];

function FlagTable({ status, mayReview }: { status: CallerFlagListStatus; mayReview: boolean }) {
  const { t } = useTranslation();
  const list = useCallerFlags(status);
  useExpireOnUnauthenticated(list.error);
  const columns: TableColumnsType<CallerFlag> = [
    { title: t('callerFlags.phone'), dataIndex: 'callerPhone', width: 130 },
    {
      title: t('callerFlags.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (_: unknown, f) => (
        <Flex vertical gap={2}>
          <Tag color={f.kind === 'abuse' ? 'red' : 'orange'}>{t(`callerFlags.kinds.${f.kind}`)}</Tag>
          {f.reason && <span>{t(`callerFlags.reasons.${f.reason}`)}</span>}
          {f.contactsAtRaise !== null && <span>{t('callerFlags.contactsAtRaise', { count: f.contactsAtRaise })}</span>}
        </Flex>
      ),
    },
    { title: t('callerFlags.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
    {
      title: t('callerFlags.raised'),
      dataIndex: 'raisedAt',
      width: 170,
      render: (_: unknown, f) => (
        <Flex vertical gap={2}>
          <span>{formatCityTime(f.raisedAt)}</span>
          <span>{f.raisedByName ?? t('callerFlags.bySystem')}</span>
        </Flex>
      ),
    },
    {
      title: t('callerFlags.review'),
      dataIndex: 'reviewedAt',
      render: (_: unknown, f) =>
        f.reviewedAt === null ? (
          <Tag>{t('callerFlags.notReviewed')}</Tag>
        ) : (
          <Flex vertical gap={2}>
            <Tag color={f.reviewDecision === 'clear' ? 'default' : 'green'}>{t(`callerFlags.decisions.${f.reviewDecision ?? 'confirm'}`)}</Tag>
            <span>
              {f.reviewedByName} · {formatCityTime(f.reviewedAt)}
            </span>
            {f.reviewNote && <span>{f.reviewNote}</span>}
          </Flex>
        ),
    },
    { title: t('callerFlags.openCases'), dataIndex: 'openCases', width: 90 },
    ...(mayReview && status !== 'cleared'
      ? [{ title: t('callerFlags.actions'), key: 'actions', width: 170, render: (_: unknown, f: CallerFlag) => <ReviewButtons flag={f} /> }]
      : []),
  ];
  return (
    <>
      <LoadError error={list.error} onRetry={() => void list.refetch()} />
      <Table<CallerFlag>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('callerFlags.empty') }}
        data-testid={`caller-flags-${status}`}
      />
    </>
  );
}

/**
 * Frequent and abusive callers (DESIGN §7, ADR 0036): the flags, their review, the designated
 * handler (专席) and that person's queue. A flag routes; it never drops or demotes a contact.
 */
export default function CallerFlagsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useStaffUser();
  const [raising, setRaising] = useState(false);
  const mayReview = user.roles.includes('supervisor');
  const mayRaise = user.roles.includes('operator') || user.roles.includes('supervisor');
  return (
    <>
      <PageTitle title={t('callerFlags.title')} />
      <Panel
        title={t('callerFlags.title')}
        extra={
          mayRaise && (
            <Button data-testid="caller-flags-raise" onClick={() => setRaising(true)}>
              {t('callerFlags.raise')}
            </Button>
          )
        }
      >
        <p>{t('callerFlags.intro')}</p>
        <DesignatedHandlerCard mayEdit={mayReview || user.roles.includes('admin')} />
        <Tabs
          items={[
            ...TABS.map((status) => ({ key: status, label: t(`callerFlags.tabs.${status}`), children: <FlagTable status={status} mayReview={mayReview} /> })),
            { key: 'cases', label: t('callerFlags.tabs.cases'), children: <FlaggedCasesTable /> },
          ]}
        />
      </Panel>
      <AbuseFlagForm
        open={raising}
        onClose={() => setRaising(false)}
        onRaised={() => {
          setRaising(false);
          void message.success(t('callerFlags.raised_ok'));
        }}
      />
    </>
  );
}
