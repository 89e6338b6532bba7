import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listAllArticles, type Article } from '../../../api/kb';
import { LoadError } from '../../../components/LoadError';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { formatCityTime } from '../../../lib/time';
import { useNow } from '../../../lib/useNow';
import { validityState, validityToDays, type Validity } from '../../../lib/validity';
import { useExpireOnUnauthenticated } from '../../../session/context';
import { adminKeys } from '../../../api/queries/adminKeys';
import { ArticleFormModal } from './ArticleFormModal';

const VALIDITY_COLOR: Record<Validity, string | undefined> = { current: 'green', expired: undefined, pending: 'blue' };

/** 知识库: every article, expired ones included, with its validity and responsible unit. */
export default function KnowledgeAdminPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const now = useNow();
  const client = useQueryClient();
  const articles = useQuery({ queryKey: adminKeys.kb, queryFn: ({ signal }) => listAllArticles(signal) });
  useExpireOnUnauthenticated(articles.error);
  const [editing, setEditing] = useState<Article | 'new' | null>(null);

  const columns: TableColumnsType<Article> = [
    { key: 'question', title: t('kbAdmin.question'), dataIndex: 'question', width: 320 },
    {
      key: 'status',
      title: t('kbAdmin.status'),
      width: 90,
      render: (_: unknown, row) => {
        const state = validityState(row.validFrom, row.validTo, now);
        return (
          <Tag color={VALIDITY_COLOR[state]} data-state={state}>
            {t(`kbAdmin.${state}`)}
          </Tag>
        );
      },
    },
    {
      key: 'validity',
      title: t('kbAdmin.validity'),
      width: 200,
      render: (_: unknown, row) => {
        const [from, to] = validityToDays(row.validFrom, row.validTo);
        return from || to ? `${from ?? t('kbAdmin.unlimited')} ~ ${to ?? t('kbAdmin.unlimited')}` : t('kbAdmin.unlimited');
      },
    },
    { key: 'tags', title: t('kbAdmin.tags'), dataIndex: 'tags', width: 200, render: (tags: string[]) => tags.map((tag) => <Tag key={tag}>{tag}</Tag>) },
    { key: 'owner', title: t('kbAdmin.owner'), dataIndex: 'ownerUnitName', width: 180, render: (name: string | null) => name ?? t('common.none') },
    { key: 'updatedAt', title: t('kbAdmin.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v: string) => <time dateTime={v}>{formatCityTime(v)}</time> },
    {
      key: 'actions',
      title: t('common.edit'),
      fixed: 'end',
      width: 80,
      render: (_: unknown, row) => (
        <Button size="small" onClick={() => setEditing(row)} data-testid="kb-edit">
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <Panel
      title={t('kbAdmin.title')}
      extra={
        <Button type="primary" onClick={() => setEditing('new')} data-testid="kb-new">
          {t('kbAdmin.add')}
        </Button>
      }
    >
      <PageTitle title={t('kbAdmin.title')} />
      <Typography.Paragraph type="secondary">
        {t('kbAdmin.intro')} {t('cases.timeZoneHint')}
      </Typography.Paragraph>
      <LoadError error={articles.error} onRetry={() => void articles.refetch()} />
      <div data-testid="kb-table" className="case-table">
        <Table<Article>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={articles.data?.items ?? []}
          loading={articles.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('kbAdmin.empty') }}
          pagination={false}
        />
      </div>
      {editing && (
        <ArticleFormModal
          article={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            void message.success(editing === 'new' ? t('kbAdmin.created') : t('kbAdmin.saved'));
            setEditing(null);
            void client.invalidateQueries({ queryKey: adminKeys.kb });
          }}
        />
      )}
    </Panel>
  );
}
