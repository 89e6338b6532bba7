import { Card, Descriptions, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PublicAnswerRate } from '../../api/coldLines';
import { CurrentCell, LineCell, MonthCell, PromptCell } from './AnswerRateCells';

/**
 * The answer rates on a phone: one card per line with its figures labelled underneath. Four
 * columns in 390 px left the 24-h figure one character a line.
 */
export function AnswerRateCards({ items, monthTitle }: { items: readonly PublicAnswerRate[]; monthTitle: string }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12}>
      {items.map((row) => (
        <Card key={row.id} size="small" data-testid="answer-rate-row" data-line-id={row.id}>
          <LineCell row={row} />
          <Descriptions
            size="small" column={1} style={{ marginTop: 8 }}
            items={[
              { key: 'current', label: t('answerRates.current'), children: <CurrentCell row={row} /> },
              // A tip line publishes no figures: the first row says so, the others would be blank.
              ...(row.current ? [{ key: 'prompt', label: t('answerRates.prompt'), children: <PromptCell row={row} /> }] : []),
              ...(row.month ? [{ key: 'month', label: monthTitle, children: <MonthCell row={row} /> }] : []),
            ]}
          />
        </Card>
      ))}
    </Flex>
  );
}
