import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCategoryTree } from '../api/categories';
import { categoryOptions, type CategoryNodeLike } from '../lib/categoryTree';
import { describeError } from '../lib/errors';

interface CategorySelectProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  /** A tree other than the staff one (the public form's); otherwise read from GET /categories. */
  nodes?: readonly CategoryNodeLike[];
  /** Ids that may not be chosen here (a move's forbidden parents). */
  disabledIds?: ReadonlySet<string>;
  /** Show retired categories too (greyed): filters and the admin page, where old cases name them. */
  includeRetired?: boolean;
  'data-testid'?: string;
}

/**
 * Picks a category (诉求分类) from the three-level tree, searchable by name: typing 占道 and
 * Enter chooses 占道经营, which is also how the end-to-end tests choose one.
 */
export function CategorySelect({ nodes, disabledIds, includeRetired = false, value, onChange, ...props }: CategorySelectProps) {
  const { t } = useTranslation();
  // A tree handed in (the public form's) means the staff one is not read: a citizen has no session.
  const tree = useCategoryTree(includeRetired, nodes === undefined);
  const source = nodes ?? tree.data;
  const treeData = useMemo(() => categoryOptions(source ?? [], disabledIds), [source, disabledIds]);
  return (
    <TreeSelect
      {...props}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      allowClear
      treeData={treeData}
      showSearch={{ treeNodeFilterProp: 'title' }}
      loading={!nodes && tree.isPending}
      status={!nodes && tree.isError ? 'error' : undefined}
      notFoundContent={!nodes && tree.isError ? describeError(t, tree.error) : t('categories.none')}
      placeholder={props.placeholder ?? t('categories.choose')}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
    />
  );
}
