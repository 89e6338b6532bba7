import { Alert, App, Button, Flex, Input, Segmented, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { fetchUrgencyLexicon, saveUrgencyLexicon, type LexiconCategory, type UrgencyLexicon } from '../../../api/lexicon';
import { LoadError } from '../../../components/LoadError';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { UrgencyTag } from '../../../components/UrgencyTag';
import { describeError } from '../../../lib/errors';
import { describeDetailPath, parseLexicon, replaceCategory } from '../../../lib/lexicon';
import { useExpireOnUnauthenticated } from '../../../session/context';
import { CategoryModal } from './CategoryModal';

type View = 'table' | 'json';
const LEXICON_KEY = ['admin', 'urgency-lexicon'] as const;

/** 紧急与紧急程度词库: categories with their terms, level and hand-over number; raw JSON for power users. */
export default function LexiconPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const remote = useQuery({ queryKey: LEXICON_KEY, queryFn: ({ signal }) => fetchUrgencyLexicon(signal) });
  useExpireOnUnauthenticated(remote.error);
  const [view, setView] = useState<View>('table');
  const [jsonText, setJsonText] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  // Unsaved edits apart from the server's copy (null: show the server's), so a refetch never
  // overwrites them.
  const [draft, setDraft] = useState<UrgencyLexicon | null>(null);
  const lexicon = draft ?? remote.data?.lexicon ?? null;

  /** The lexicon as the current view holds it; null (with the reason shown) when the JSON does not parse. */
  const current = (): UrgencyLexicon | null => {
    if (view === 'table') return lexicon;
    try {
      const parsed = parseLexicon(jsonText);
      setJsonError(null);
      return parsed;
    } catch (error) {
      setJsonError(t('lexicon.jsonInvalid', { message: error instanceof Error ? error.message : String(error) }));
      return null;
    }
  };

  const switchView = (next: View) => {
    if (next === 'json') {
      setJsonText(JSON.stringify(lexicon, null, 2));
      setJsonError(null);
      setView('json');
      return;
    }
    const parsed = current();
    if (!parsed) return;
    setDraft(parsed);
    setView('table');
  };

  const saving = useMutation({
    mutationFn: saveUrgencyLexicon,
    onMutate: (toSave) => setDraft(toSave),
    onSuccess: (saved) => {
      client.setQueryData(LEXICON_KEY, saved);
      setDraft(null);
      if (view === 'json') setJsonText(JSON.stringify(saved.lexicon, null, 2));
      void message.success(t('lexicon.saved'));
    },
  });
  const saveError = saving.error;
  const save = () => {
    const toSave = current();
    if (toSave) saving.mutate(toSave);
  };

  const columns: TableColumnsType<LexiconCategory> = [
    { key: 'label', title: t('lexicon.label'), dataIndex: 'label', width: 160 },
    { key: 'id', title: t('lexicon.id'), dataIndex: 'id', width: 160, render: (id: string) => <span className="mono">{id}</span> },
    { key: 'level', title: t('lexicon.level'), dataIndex: 'level', width: 90, render: (level: string) => <UrgencyTag urgency={level} /> },
    {
      key: 'redirect',
      title: t('lexicon.redirect'),
      width: 100,
      render: (_: unknown, row) => (row.redirect ? <Tag color="red">{row.redirect.number}</Tag> : t('common.none')),
    },
    { key: 'terms', title: t('lexicon.termCount'), width: 90, render: (_: unknown, row) => row.terms.length },
    {
      key: 'actions',
      title: t('common.edit'),
      fixed: 'end',
      width: 80,
      render: (_: unknown, _row, index) => (
        <Button size="small" onClick={() => setEditing(index)} data-testid="lexicon-edit">
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  const details = isApiError(saveError, 'VALIDATION_FAILED') ? saveError.details : [];
  const editingCategory = editing === null ? undefined : lexicon?.categories[editing];
  return (
    <Panel
      title={t('lexicon.title')}
      extra={
        <Flex gap="small">
          <Segmented<View>
            value={view}
            onChange={switchView}
            options={[
              { value: 'table', label: t('lexicon.table') },
              { value: 'json', label: t('lexicon.json') },
            ]}
            disabled={!lexicon}
            data-testid="lexicon-view"
          />
          <Button type="primary" onClick={save} loading={saving.isPending} disabled={!lexicon} data-testid="lexicon-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <PageTitle title={t('lexicon.title')} />
      <Typography.Paragraph type="secondary">{t('lexicon.intro')}</Typography.Paragraph>
      {remote.data?.isDefault === true && draft === null && <Alert type="info" showIcon className="form-alert" title={t('lexicon.isDefault')} />}
      <LoadError error={remote.error} onRetry={() => void remote.refetch()} />
      {(saveError !== null || jsonError !== null) && (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="form-alert"
          data-testid="lexicon-error"
          title={jsonError ?? (details.length > 0 ? t('lexicon.errorTitle') : describeError(t, saveError))}
          description={
            jsonError === null && details.length > 0 ? (
              <ul>
                {details.map((detail, i) => (
                  <li key={i}>
                    <span className="mono">{describeDetailPath(lexicon, detail.path)}</span>：{detail.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {view === 'json' ? (
        <>
          <Typography.Paragraph type="secondary">{t('lexicon.jsonHelp')}</Typography.Paragraph>
          <Input.TextArea
            className="mono"
            value={jsonText}
            onChange={(event) => setJsonText(event.target.value)}
            autoSize={{ minRows: 16, maxRows: 40 }}
            spellCheck={false}
            aria-label={t('lexicon.json')}
            data-testid="lexicon-json"
          />
        </>
      ) : (
        <div data-testid="lexicon-table" className="case-table">
          <Table<LexiconCategory>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={lexicon?.categories ?? []}
            loading={remote.isFetching}
            scroll={{ x: 'max-content' }}
            pagination={false}
          />
        </div>
      )}
      {editing !== null && editingCategory && (
        <CategoryModal
          category={editingCategory}
          onCancel={() => setEditing(null)}
          onApply={(category) => {
            if (lexicon) setDraft(replaceCategory(lexicon, editing, category));
            setEditing(null);
          }}
        />
      )}
    </Panel>
  );
}
