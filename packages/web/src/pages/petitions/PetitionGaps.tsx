import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PetitionField, PetitionProblem } from '../../api/petitions';

/** What a petition still lacks (gold) and what it gave wrongly (red, with why). */
export function PetitionGaps({ missing, invalid }: { missing: readonly PetitionField[]; invalid: readonly PetitionProblem[] }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap data-testid="petition-gaps">
      {invalid.map((p) => (
        <Tag key={`invalid-${p.field}`} color="red" data-field={p.field}>
          {t(`petitions.field.${p.field}`)}（{t(`petitions.reason.${p.reason}`)}）
        </Tag>
      ))}
      {missing.map((field) => (
        <Tag key={field} color="gold" data-field={field}>
          {t(`petitions.field.${field}`)}
        </Tag>
      ))}
    </Flex>
  );
}
