import { Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CategorySuggestion } from '../api/intake';
import type { CategoryNodeLike } from '../lib/categoryTree';
import { CategorySelect } from './CategorySelect';

interface CategoryFieldProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The intake's keyword suggestions: one click chooses one. */
  suggestions?: readonly CategorySuggestion[];
  /** The public form passes its own tree; staff screens read GET /categories. */
  nodes?: readonly CategoryNodeLike[];
  testId: string;
}

/**
 * A category choice with the suggestions from the text beside it. The suggestion is never
 * applied by itself: a keyword match is a hint, and a wrong category misroutes and miscounts.
 */
export function CategoryField({ value, onChange, suggestions = [], nodes, testId }: CategoryFieldProps) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={6}>
      <CategorySelect value={value ?? null} onChange={(v) => onChange?.(v)} {...(nodes ? { nodes } : {})} data-testid={testId} />
      {suggestions.length > 0 && (
        <Flex gap={6} wrap align="center" data-testid={`${testId}-suggestions`}>
          <Typography.Text type="secondary">{t('categories.suggested')}</Typography.Text>
          {suggestions.map((s) => (
            <Tooltip key={s.categoryId} title={t('categories.matched', { words: s.matched.join('、') })}>
              <Tag.CheckableTag checked={value === s.categoryId} onChange={() => onChange?.(s.categoryId)} data-testid={`${testId}-suggestion`}>
                {s.name}
              </Tag.CheckableTag>
            </Tooltip>
          ))}
        </Flex>
      )}
    </Flex>
  );
}
