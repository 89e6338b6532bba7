import { GBT_33358_THRESHOLDS } from '@openline/core';
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicAnswerRate } from '../../api/coldLines';
import { formatAnswerRate } from '../../lib/rates';
import { formatCityTime } from '../../lib/time';

/*
 * What the answer-rate page shows of one line, shared by its table (wide screens) and its cards
 * (phones), so both read the same and keep the same test ids.
 */

function useRate() {
  const { t } = useTranslation();
  return (r: number | null | undefined) => (r === null || r === undefined ? t('answerRates.noData') : formatAnswerRate(r));
}

export function LineCell({ row }: { row: PublicAnswerRate }) {
  return (
    <>
      <div className="mono">{row.number}</div>
      <div>{row.name}</div>
      <Typography.Text type="secondary">{row.ownerName ? `${row.ownerTitle} ${row.ownerName}` : row.ownerTitle}</Typography.Text>
    </>
  );
}

export function CurrentCell({ row }: { row: PublicAnswerRate }) {
  const { t } = useTranslation();
  const rate = useRate();
  if (!row.current) return <Typography.Text type="secondary">{t('answerRates.tipLine')}</Typography.Text>;
  const c = row.current;
  return (
    <span data-testid="answer-rate-current" data-cold={String(c.cold)}>
      <Tooltip title={row.thresholds ? t('answerRates.threshold', { answerRate: formatAnswerRate(row.thresholds.answerRate), promptRate: formatAnswerRate(row.thresholds.promptRate), seconds: row.thresholds.promptSeconds }) : undefined}>
        <Typography.Text strong type={c.cold ? 'danger' : undefined}>{rate(c.answerRate)}</Typography.Text>
      </Tooltip>{' '}
      {c.cold && (
        <Tooltip title={c.coldSince ? t('answerRates.coldSince', { time: formatCityTime(c.coldSince) }) : undefined}>
          <Tag color="red" data-testid="answer-rate-cold">{t('lines.cold')}</Tag>
        </Tooltip>
      )}
      {c.offered > 0 && !c.judged && (
        <Tooltip title={row.thresholds ? t('answerRates.tooFewHint', { count: row.thresholds.minOffered ?? 0 }) : undefined}>
          <Tag data-testid="answer-rate-too-few">{t('answerRates.tooFew')}</Tag>
        </Tooltip>
      )}
      <OwnStandard row={row} />
      {c.offered > 0 && (
        <div>
          <Typography.Text type="secondary">{t('answerRates.callsSummary', { offered: c.offered, answered: c.answered, calledBack: c.calledBack, missed: c.missed })}</Typography.Text>
        </div>
      )}
    </span>
  );
}

/**
 * A line judged by a standard of its own says so in the open, not in a tooltip that touch and
 * keyboard users cannot reach: a standard set below GB/T 33358 would otherwise keep a line that
 * answers a quarter of its calls from ever being marked cold, under an intro citing 95 %.
 */
function OwnStandard({ row }: { row: PublicAnswerRate }) {
  const { t } = useTranslation();
  const own = row.thresholds;
  if (!own) return null;
  const gbt = GBT_33358_THRESHOLDS;
  const laxer = own.answerRate < gbt.answerRate || own.promptRate < gbt.promptRate || own.promptSeconds > gbt.promptSeconds;
  const stricter = own.answerRate > gbt.answerRate || own.promptRate > gbt.promptRate || own.promptSeconds < gbt.promptSeconds;
  if (!laxer && !stricter) return null;
  const standard = t('answerRates.threshold', { answerRate: formatAnswerRate(own.answerRate), promptRate: formatAnswerRate(own.promptRate), seconds: own.promptSeconds });
  return (
    <div data-testid="answer-rate-own-standard" data-laxer={String(laxer)}>
      <Typography.Text type={laxer ? undefined : 'secondary'}>{laxer ? t('answerRates.laxerStandard', { standard }) : standard}</Typography.Text>
    </div>
  );
}

export function PromptCell({ row }: { row: PublicAnswerRate }) {
  const rate = useRate();
  return row.current ? rate(row.current.answeredWithin15sRate) : null;
}

export function MonthCell({ row }: { row: PublicAnswerRate }) {
  const { t } = useTranslation();
  const rate = useRate();
  if (!row.month) return null;
  return (
    <span data-testid="answer-rate-month">
      {rate(row.month.answerRate)}
      {row.month.offered > 0 && (
        <div>
          <Typography.Text type="secondary">{t('answerRates.monthSummary', { offered: row.month.offered, answered: row.month.answered })}</Typography.Text>
        </div>
      )}
    </span>
  );
}
