import { Alert, Badge, Flex, Segmented, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { listCases, type CaseListParams } from '../../api/cases';
import { deskKeys, getDesk } from '../../api/desk';
import { CaseTable } from '../../components/case-table/CaseTable';
import type { CaseColumnKey } from '../../components/case-table/columns';
import { LoadError } from '../../components/LoadError';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { Section } from '../../components/Section';
import { readPaging, writePaging } from '../../lib/paging';
import { useExpireOnUnauthenticated } from '../../session/context';
import { presetPeriod } from '../stats/period';
import { CallbackSlot } from './CallbackSlot';
import { DeskFigures } from './DeskFigures';

const TABS = ['lines', 'followed', 'instructions'] as const;
type DeskTab = (typeof TABS)[number];
const COLUMNS: readonly CaseColumnKey[] = ['caseNumber', 'status', 'deadline', 'line', 'leadUnit', 'type', 'urgency', 'content', 'createdAt'];

/** Which cases a tab lists: the official's lines (or one of them), the cases they follow, or those with an open instruction. */
function tabParams(tab: DeskTab, lineId: string | null): Partial<CaseListParams> {
  if (tab === 'followed') return { followed: true };
  if (tab === 'instructions') return { openInstruction: true, ownLines: lineId === null ? undefined : true, lineId: lineId ?? undefined };
  return lineId ? { lineId } : { ownLines: true };
}

/**
 * The official's home page (issue 12 §2): the cases on their own published lines, each line's
 * figures this month, and the cases they follow or instructed. The tab, line and page live in
 * the URL. Instructions and following are given on the case's page.
 */
export default function DeskPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: DeskTab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as DeskTab) : 'lines';
  const { page, pageSize } = readPaging(params);

  const desk = useQuery({ queryKey: deskKeys.summary, queryFn: ({ signal }) => getDesk(signal) });
  const lines = desk.data?.lines ?? [];
  const lineParam = params.get('line');
  const lineId = lines.some((l) => l.id === lineParam) ? lineParam : null;
  const listParams: CaseListParams = { page, pageSize, sort: 'created', ...tabParams(tab, lineId) };
  const cases = useQuery({
    queryKey: ['cases', 'list', listParams],
    queryFn: ({ signal }) => listCases(listParams, signal),
    placeholderData: keepPreviousData,
  });
  useExpireOnUnauthenticated(desk.error ?? cases.error ?? null);

  const go = (next: { tab?: DeskTab; line?: string | null; page?: number; pageSize?: number }) =>
    setParams(() => {
      const out = new URLSearchParams();
      const nextTab = next.tab ?? tab;
      if (nextTab !== 'lines') out.set('tab', nextTab);
      const nextLine = next.line === undefined ? lineId : next.line;
      if (nextLine) out.set('line', nextLine);
      return writePaging(out, { page: next.page ?? 1, pageSize: next.pageSize ?? pageSize });
    });

  const period = presetPeriod('thisMonth', new Date());
  const openInstructions = desk.data?.openInstructions ?? 0;
  const empty = tab === 'followed' ? t('desk.emptyFollowed') : tab === 'instructions' ? t('desk.emptyInstructions') : t('desk.emptyLines');

  return (
    <Panel title={t('desk.title')}>
      <PageTitle title={t('desk.title')} />
      <Typography.Paragraph type="secondary">{t('desk.intro')}</Typography.Paragraph>
      <LoadError error={desk.error} onRetry={() => void desk.refetch()} />

      <Section
        title={t('desk.lines')}
        extra={
          <Tag color={openInstructions > 0 ? 'gold' : 'default'} title={t('desk.openInstructionsHint')} data-testid="desk-open-instructions">
            {t('desk.openInstructions')} {openInstructions}
          </Tag>
        }
      >
        {desk.isSuccess && lines.length === 0 && <Alert type="info" showIcon title={t('desk.noLines')} data-testid="desk-no-lines" />}
        {lines.length > 0 && (
          <Flex vertical gap="middle">
            <Flex gap="small" wrap data-testid="desk-lines">
              {lines.map((line) => (
                <Tag key={line.id} color="blue">
                  {line.name} <span className="mono">{line.number}</span>
                </Tag>
              ))}
            </Flex>
            <Typography.Text strong>{t('desk.figuresTitle')}</Typography.Text>
            <DeskFigures lines={lines} period={period} />
          </Flex>
        )}
      </Section>

      <CallbackSlot lines={lines} />

      <Section
        title={
          <Segmented<DeskTab>
            data-testid="desk-tabs"
            value={tab}
            onChange={(value) => go({ tab: value })}
            options={[
              { value: 'lines', label: t('desk.tabLines') },
              { value: 'followed', label: t('desk.tabFollowed') },
              {
                value: 'instructions',
                label: (
                  <Badge count={openInstructions} size="small" offset={[8, -2]}>
                    {t('desk.tabInstructions')}
                  </Badge>
                ),
              },
            ]}
          />
        }
        extra={
          lines.length > 1 && tab !== 'followed' ? (
            <Segmented<string>
              data-testid="desk-line-filter"
              value={lineId ?? ''}
              onChange={(value) => go({ line: value || null })}
              options={[{ value: '', label: t('desk.allLines') }, ...lines.map((l) => ({ value: l.id, label: l.name }))]}
            />
          ) : undefined
        }
      >
        <LoadError error={cases.error} title={t('cases.loadFailed')} onRetry={() => void cases.refetch()} />
        <CaseTable
          testId="desk-cases"
          data={cases.data}
          loading={cases.isFetching}
          page={page}
          pageSize={pageSize}
          columns={COLUMNS}
          emptyText={empty}
          onPageChange={(nextPage, nextSize) => go({ page: nextPage, pageSize: nextSize })}
        />
      </Section>
    </Panel>
  );
}
