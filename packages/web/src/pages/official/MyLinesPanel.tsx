import { useQuery } from '@tanstack/react-query';
import { Flex, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { callbackKeys, listMyLines, type MyLine } from '../../api/callbacks';
import { LoadError } from '../../components/LoadError';
import { formatAnswerRate } from '../../lib/rates';
import { formatCityTime } from '../../lib/time';
import { useExpireOnUnauthenticated } from '../../session/context';

/**
 * An official's own published lines at a glance (issue 10 §5): open or not, today's and the last
 * 24 h's calls and missed calls, the answer rate (callbacks within 1 h count as answered) and the
 * callbacks waiting. A panel, not a page: the official's home page places it, and the callback
 * queue shows it to whoever owns a line (`hideWhenEmpty`).
 */
export function MyLinesPanel({ hideWhenEmpty = false }: { hideWhenEmpty?: boolean }) {
  const { t } = useTranslation();
  const lines = useQuery({ queryKey: callbackKeys.myLines, queryFn: ({ signal }) => listMyLines(signal), refetchInterval: 60_000 });
  useExpireOnUnauthenticated(lines.error);
  // On a page for everyone (the callback queue), only those who own a line see the panel.
  if (hideWhenEmpty && (lines.data?.items.length ?? 0) === 0) return null;
  return (
    <section className="panel" aria-labelledby="my-lines-title" data-testid="my-lines-panel">
      <header className="panel__header">
        <h2 className="panel__title" id="my-lines-title">
          {t('myLines.title')}
        </h2>
        <Link to="/callbacks" data-testid="my-lines-to-queue">
          {t('myLines.toQueue')}
        </Link>
      </header>
      <LoadError error={lines.error} onRetry={() => void lines.refetch()} />
      {lines.data && lines.data.items.length === 0 && <Typography.Text type="secondary">{t('myLines.empty')}</Typography.Text>}
      <Flex vertical gap="middle">
        {lines.data?.items.map((line) => <MyLineCard key={line.id} line={line} />)}
      </Flex>
    </section>
  );
}

function MyLineCard({ line }: { line: MyLine }) {
  const { t } = useTranslation();
  const rate = line.last24h.answerRate;
  return (
    <article className="my-line" data-testid="my-line" aria-label={line.name}>
      <Flex justify="space-between" wrap gap="small">
        <Typography.Text strong>
          {line.name} <span className="mono">{line.number}</span>
        </Typography.Text>
        <Flex gap={4} wrap>
          {line.openNow ? <Tag color="green">{t('myLines.openNow')}</Tag> : <Tag>{t('myLines.closedNow')}</Tag>}
          {line.last24h.cold && <Tag color="red">{t('myLines.cold')}</Tag>}
        </Flex>
      </Flex>
      <Typography.Text type="secondary">
        {!line.openNow && (line.nextOpensAt ? t('myLines.nextOpens', { time: formatCityTime(line.nextOpensAt) }) : t('myLines.noHours'))}
        {!line.openNow && line.afterHoursNumber && ` · ${t('myLines.afterHours', { number: line.afterHoursNumber })}`}
      </Typography.Text>
      <Flex gap="large" wrap style={{ marginTop: 8 }}>
        <Statistic title={t('myLines.today')} value={line.today.offered} suffix={<small>{`${t('myLines.missed')} ${line.today.missed}`}</small>} />
        <Statistic
          title={`${t('myLines.last24h')} · ${t('myLines.answerRate')}`}
          value={rate === null ? t('myLines.noCalls') : formatAnswerRate(rate)}
          data-testid="my-line-answer-rate"
        />
        <Statistic title={`${t('myLines.last24h')} · ${t('myLines.missed')}`} value={line.last24h.missed} />
        <Statistic title={t('myLines.callbacks')} value={line.callbacks.open} data-testid="my-line-callbacks" />
        <Statistic title={t('myLines.overdueCallbacks')} value={line.callbacks.overdue} />
      </Flex>
      {line.last24h.offered > 0 && (
        <Typography.Text type="secondary" data-testid="my-line-calls">
          {t('myLines.callsSummary', { answered: line.last24h.answered, calledBack: line.last24h.calledBack })}
        </Typography.Text>
      )}
      {/* The tasks' own record differs from the rate's evidence: say so where it would puzzle. */}
      {line.last24h.callbacksWithin1h > line.last24h.calledBack && (
        <Typography.Text type="secondary" data-testid="my-line-task-callbacks">
          {' '}
          {t('myLines.callbacksWithin1h', { count: line.last24h.callbacksWithin1h })}
        </Typography.Text>
      )}
    </article>
  );
}

export default MyLinesPanel;
