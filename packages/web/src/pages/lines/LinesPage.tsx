import { useQuery } from '@tanstack/react-query';
import { Empty, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listPublicLines, type PublicLine, type PublicLineCalls } from '../../api/lines';
import { LoadError } from '../../components/LoadError';
import { PageSpinner } from '../../components/PageSpinner';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { holidayRuleLabel, lineModeExplanation, lineModeLabel } from '../../i18n/labels';
import { formatAnswerRate, formatRate } from '../../lib/rates';
import { describeWeek } from '../../lib/serviceHours';

// Modes that need the caller to do something differently get a colour; staffed lines are the norm.
// Presets whose text keeps 4.5:1 on their own background (gold's was 2.8:1).
const MODE_COLOR: Record<string, string | undefined> = { direct: 'blue', sms_only: 'magenta', tip: 'purple' };

/** 公开电话: who answers which number, how, and when (DESIGN §1: no published line may go cold unseen). */
export default function LinesPage() {
  const { t } = useTranslation();
  const lines = useQuery({ queryKey: ['lines', 'public'], queryFn: ({ signal }) => listPublicLines(signal), staleTime: 5 * 60_000 });

  return (
    <Panel title={t('lines.title')}>
      <PageTitle title={t('lines.title')} />
      <Typography.Paragraph type="secondary">{t('lines.intro')}</Typography.Paragraph>
      <Typography.Paragraph>
        <Link to="/lines/answer-rates" data-testid="answer-rates-link">{t('answerRates.directoryLink')}</Link>
      </Typography.Paragraph>
      {lines.isPending && <PageSpinner />}
      <LoadError error={lines.error} title={t('lines.loadFailed')} onRetry={() => void lines.refetch()} />
      {lines.data &&
        (lines.data.length === 0 ? (
          <Empty description={t('lines.empty')} />
        ) : (
          <ul className="line-list" data-testid="line-list">
            {lines.data.map((line) => (
              <LineEntry key={line.id} line={line} />
            ))}
          </ul>
        ))}
    </Panel>
  );
}

function LineEntry({ line }: { line: PublicLine }) {
  const { t } = useTranslation();
  const explanation = lineModeExplanation(t, line.mode);
  return (
    <li className="line" data-testid="line" data-mode={line.mode}>
      <div className="line__head">
        <a href={`tel:${line.number.replace(/[^\d+]/g, '')}`} className="line__number mono">
          {line.number}
        </a>
        <Tag color={MODE_COLOR[line.mode]}>{lineModeLabel(t, line.mode)}</Tag>
        {line.calls && <CallsBadge calls={line.calls} />}
      </div>
      <div className="line__name">{line.name}</div>
      <dl className="line__facts">
        <dt>{t('lines.owner')}</dt>
        <dd>{line.ownerName ? `${line.ownerTitle} ${line.ownerName}` : line.ownerTitle}</dd>
        <dt>{t('lines.mode')}</dt>
        <dd>{explanation ?? lineModeLabel(t, line.mode)}</dd>
        <dt>{t('lines.hours')}</dt>
        <dd>
          {describeWeek(t, line.serviceHours).map((row) => (
            <div key={row.days}>
              {row.days} <Typography.Text type={row.closed ? 'secondary' : undefined}>{row.spans}</Typography.Text>
            </div>
          ))}
          <Typography.Text type="secondary">{holidayRuleLabel(t, line.serviceHours.onHolidays)}</Typography.Text>
        </dd>
        {line.figures && (
          <>
            <dt>{t('lines.figures', { month: line.figures.month })}</dt>
            <dd data-testid="line-figures">
              {t('lines.figuresSummary', {
                dispatched: line.figures.dispatched,
                response: formatRate(line.figures.responseRate, t('publicFigures.noData')),
                resolution: formatRate(line.figures.resolutionRate, t('publicFigures.noData')),
                satisfaction: formatRate(line.figures.satisfactionRate, t('publicFigures.noData')),
              })}{' '}
              <Link to="/figures">{t('lines.figuresLink')}</Link>
            </dd>
          </>
        )}
      </dl>
    </li>
  );
}

/** 接通率 next to the number (issue 10 §4): the 24-h figure, a cold-line mark, or "no call data". */
function CallsBadge({ calls }: { calls: PublicLineCalls }) {
  const { t } = useTranslation();
  if (calls.answerRate === null) {
    return (
      <Typography.Text type="secondary" data-testid="line-calls" data-cold="false">
        {t('lines.noCallData')}
      </Typography.Text>
    );
  }
  const detail = t('lines.callsDetail', {
    offered: calls.offered, answered: calls.answered, missed: calls.missed,
    prompt: calls.answeredWithin15sRate === null ? t('lines.noCallData') : formatAnswerRate(calls.answeredWithin15sRate),
  });
  return (
    <span data-testid="line-calls" data-cold={String(calls.cold)}>
      <Tooltip title={detail}>
        <Typography.Text type={calls.cold ? 'danger' : undefined} data-testid="line-answer-rate">{t('lines.answerRate24h', { rate: formatAnswerRate(calls.answerRate) })}</Typography.Text>
      </Tooltip>{' '}
      {calls.cold && (
        <Tooltip title={t('lines.coldExplain')}>
          <Tag color="red" data-testid="line-cold">
            {t('lines.cold')}
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}
