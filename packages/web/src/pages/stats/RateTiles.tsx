import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FigureCounts, FigureRates, Period } from '../../api/stats';
import { formatRate } from '../../components/charts/format';
import { figureHref } from '../../lib/figureFilter';

interface Props {
  total: FigureCounts & FigureRates;
  period: Period;
}

/** 响应率 解决率 满意率 for the whole scope, each with the counts it is made of (linked to their cases). */
export function RateTiles({ total, period }: Props) {
  const { t } = useTranslation();
  const tiles = [
    { key: 'responseRate', rate: total.responseRate, part: ['respondedOnTime', total.respondedOnTime], whole: ['responseDue', total.responseDue] },
    { key: 'resolutionRate', rate: total.resolutionRate, part: ['solved', total.solved], whole: ['visits', total.visits] },
    { key: 'satisfactionRate', rate: total.satisfactionRate, part: ['satisfied', total.satisfied], whole: ['visits', total.visits] },
  ] as const;
  const count = (fact: 'respondedOnTime' | 'responseDue' | 'solved' | 'visits' | 'satisfied' | 'dispatched' | 'overdue', value: number) =>
    value > 0 ? <Link to={figureHref({ fact, ...period })} data-testid={`tile-${fact}`}>{value}</Link> : <span>{value}</span>;
  return (
    <Flex gap="middle" wrap className="rate-tiles" data-testid="rate-tiles">
      {tiles.map((tile) => (
        <div key={tile.key} className="rate-tile">
          <div className="rate-tile__label">{t(`dashboard.${tile.key}`)}</div>
          <div className="rate-tile__value">{formatRate(t, tile.rate)}</div>
          <Typography.Text type="secondary">
            {t(`dashboard.${tile.part[0]}`)} {count(tile.part[0], tile.part[1])} / {t(`dashboard.${tile.whole[0]}`)} {count(tile.whole[0], tile.whole[1])}
          </Typography.Text>
        </div>
      ))}
      <div className="rate-tile">
        <div className="rate-tile__label">{t('dashboard.dispatched')}</div>
        <div className="rate-tile__value">{count('dispatched', total.dispatched)}</div>
        <Typography.Text type="secondary">
          {t('dashboard.overdue')} {count('overdue', total.overdue)}
        </Typography.Text>
      </div>
    </Flex>
  );
}
