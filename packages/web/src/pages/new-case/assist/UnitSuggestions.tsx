import { Button, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IntakeSuggestion } from '../../../api/intake';
import { toPercent } from './text';

export interface SuggestedUnit {
  unitId: string;
  unitName: string;
}

interface UnitSuggestionsProps {
  routing: IntakeSuggestion['routing'];
  selected: SuggestedUnit | null;
  onSelect: (unit: SuggestedUnit | null) => void;
}

/** The routing model's top three units with their confidence; one can be remembered for dispatch. */
export function UnitSuggestions({ routing, selected, onSelect }: UnitSuggestionsProps) {
  const { t } = useTranslation();
  if (!routing) return <Typography.Text type="secondary">{t('assist.noModel')}</Typography.Text>;
  const top = routing.suggestions.slice(0, 3);
  if (top.length === 0) return <Typography.Text type="secondary">{t('assist.noUnits')}</Typography.Text>;
  return (
    <div data-testid="suggest-units" data-source={routing.source}>
      <Typography.Text type="secondary">
        {t('assist.unitsHint')}{' '}
        {routing.source === 'model' ? t('assist.modelVersion', { version: routing.modelVersion }) : t('assist.fromKeywords')}
      </Typography.Text>
      <ol className="assist__units">
        {top.map((unit, i) => {
          const name = unit.unitName ?? t('assist.unknownUnit');
          const chosen = selected?.unitId === unit.unitId;
          return (
            <li key={unit.unitId}>
              <Button
                block
                type={chosen ? 'primary' : 'default'}
                ghost={chosen}
                aria-pressed={chosen}
                data-testid={`suggest-unit-${i}`}
                data-percent={toPercent(unit.probability)}
                className="assist__unit"
                onClick={() => onSelect(chosen ? null : { unitId: unit.unitId, unitName: name })}
              >
                <span className="assist__unit-name">{name}</span>
                <Progress percent={toPercent(unit.probability)} size="small" className="assist__unit-bar" />
              </Button>
            </li>
          );
        })}
      </ol>
      {selected && <Typography.Text>{t('assist.selectedUnit', { name: selected.unitName })}</Typography.Text>}
    </div>
  );
}
