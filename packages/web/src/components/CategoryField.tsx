import { Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CategorySuggestion } from '../api/intake';
import type { CategoryNodeLike } from '../lib/categoryTree';
import { CategorySelect } from './CategorySelect';

interface CategoryFieldProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The intake's suggestions (learned model or keywords): one click chooses one. */
  suggestions?: readonly CategorySuggestion[];
  /** The public form passes its own tree; staff screens read GET /categories. */
  nodes?: readonly CategoryNodeLike[];
  testId: string;
}

/**
 * A category choice with the suggestions from the text beside it. The suggestion is never
 * applied by itself: it is a hint, and a wrong category misroutes and miscounts.
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
            <Tooltip
              key={s.categoryId}
              // A model's suggestion may rest on no keyword at all: then its confidence is the why.
              title={s.matched.length > 0 ? t('categories.matched', { words: s.matched.join('、') }) : t('categories.confidence', { percent: Math.round(100 * s.share) })}
            >
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
