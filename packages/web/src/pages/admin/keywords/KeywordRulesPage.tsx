import { Alert, App, Button, Flex, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchKeywordRules, saveKeywordRules, type KeywordRule } from '../../../api/routing';
import { LoadError } from '../../../components/LoadError';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect';
import { PageTitle } from '../../../components/PageTitle';
import { Panel } from '../../../components/Panel';
import { describeError } from '../../../lib/errors';
import { KEYWORD_MAX, KEYWORD_MIN, keywordProblems, toRules, type KeywordProblem, type KeywordRow } from '../../../lib/keywordRules';
import { useExpireOnUnauthenticated } from '../../../session/context';

let nextKey = 0;
const newKey = () => `row-${++nextKey}`;
const KEYWORDS_KEY = ['admin', 'routing-keywords'] as const;
const toRows = (rules: KeywordRule[]): KeywordRow[] => rules.map((rule) => ({ key: newKey(), unitId: rule.unitId, keywords: rule.keywords }));

/** 派单关键词: keywords per unit that suggest a unit at intake until a routing model is trained. */
export default function KeywordRulesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const remote = useQuery({ queryKey: KEYWORDS_KEY, queryFn: ({ signal }) => fetchKeywordRules(signal) });
  useExpireOnUnauthenticated(remote.error);
  const [showProblems, setShowProblems] = useState(false);

  // Edits live in a draft apart from the server's rules (null: show the server's), so a refetch
  // never overwrites them. The server's rows are derived once per answer: new row keys on every
  // render would remount the inputs.
  const serverRows = useMemo(() => (remote.data ? toRows(remote.data.rules) : null), [remote.data]);
  const [draft, setDraft] = useState<KeywordRow[] | null>(null);
  const rows = draft ?? serverRows;
  const setRows = (change: (current: KeywordRow[] | null) => KeywordRow[] | null) => setDraft(change(rows));

  const problems = rows ? keywordProblems(rows) : [];
  const update = (key: string, change: Partial<KeywordRow>) => setRows((current) => current && current.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const saving = useMutation({
    mutationFn: saveKeywordRules,
    onSuccess: (saved) => {
      client.setQueryData(KEYWORDS_KEY, saved);
      setDraft(null);
      setShowProblems(false);
      void message.success(t('keywordRules.saved'));
    },
  });
  const save = () => {
    if (!rows) return;
    if (problems.length > 0) {
      setShowProblems(true);
      return;
    }
    saving.mutate(toRules(rows));
  };

  const problemText = (problem: KeywordProblem) =>
    problem.kind === 'badKeyword'
      ? t('keywordRules.problem.badKeyword', { row: problem.row, keyword: problem.keyword, min: KEYWORD_MIN, max: KEYWORD_MAX })
      : t(`keywordRules.problem.${problem.kind}`, { row: problem.row });

  const columns: TableColumnsType<KeywordRow> = [
    {
      key: 'unit',
      title: t('keywordRules.unit'),
      width: 280,
      render: (_: unknown, row, index) => (
        <OrgUnitSelect
          value={row.unitId ?? undefined}
          onChange={(value) => update(row.key, { unitId: typeof value === 'string' ? value : null })}
          data-testid={`keywords-unit-${index}`}
        />
      ),
    },
    {
      key: 'keywords',
      title: t('keywordRules.keywords'),
      render: (_: unknown, row, index) => (
        <Select
          mode="tags"
          style={{ width: '100%', minWidth: 320 }}
          value={row.keywords}
          onChange={(keywords: string[]) => update(row.key, { keywords })}
          tokenSeparators={[',', '，', '、']}
          aria-label={t('keywordRules.keywords')}
          data-testid={`keywords-words-${index}`}
        />
      ),
    },
    {
      key: 'remove',
      title: t('keywordRules.remove'),
      width: 80,
      render: (_: unknown, row) => (
        <Button size="small" type="link" danger onClick={() => setRows((current) => current && current.filter((r) => r.key !== row.key))}>
          {t('keywordRules.remove')}
        </Button>
      ),
    },
  ];

  return (
    <Panel
      title={t('keywordRules.title')}
      extra={
        <Flex gap="small">
          <Button onClick={() => setRows((current) => [...(current ?? []), { key: newKey(), unitId: null, keywords: [] }])} disabled={!rows} data-testid="keywords-add">
            {t('keywordRules.add')}
          </Button>
          <Button type="primary" onClick={save} loading={saving.isPending} disabled={!rows} data-testid="keywords-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <PageTitle title={t('keywordRules.title')} />
      <Typography.Paragraph type="secondary">
        {t('keywordRules.intro')} {t('keywordRules.keywordsHelp', { min: KEYWORD_MIN, max: KEYWORD_MAX })}
      </Typography.Paragraph>
      <Alert type="info" showIcon className="form-alert" title={t('keywordRules.coldStart')} />
      <LoadError error={remote.error} onRetry={() => void remote.refetch()} />
      {showProblems && problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="form-alert"
          title={t('keywordRules.problemsTitle')}
          description={
            <ul>
              {problems.map((problem, i) => (
                <li key={i}>{problemText(problem)}</li>
              ))}
            </ul>
          }
        />
      )}
      {saving.error !== null && <Alert type="error" showIcon role="alert" className="form-alert" title={describeError(t, saving.error)} />}
      <div data-testid="keywords-table" className="case-table">
        <Table<KeywordRow>
          rowKey="key"
          size="middle"
          columns={columns}
          dataSource={rows ?? []}
          loading={remote.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('keywordRules.empty') }}
          pagination={false}
        />
      </div>
    </Panel>
  );
}
