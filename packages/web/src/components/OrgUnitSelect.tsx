import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../lib/errors';
import { buildOrgTree } from '../lib/orgTree';
import { useOrgUnits } from '../api/queries/orgUnits';

interface OrgUnitSelectProps {
  id?: string;
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  placeholder?: string;
  /** Units that may not be picked here (e.g. the lead unit among its co-handlers). */
  exclude?: readonly string[];
  allowClear?: boolean;
  'data-testid'?: string;
  'aria-required'?: boolean;
}

/**
 * Picks units from the org tree. Searchable by name: typing a unit's name highlights the first
 * match and Enter picks it, which is also how the end-to-end tests choose a unit.
 */
export function OrgUnitSelect({ exclude, multiple = false, allowClear = true, ...props }: OrgUnitSelectProps) {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const treeData = useMemo(() => {
    if (!units.data) return [];
    const hidden = new Set(exclude ?? []);
    return buildOrgTree(units.data.filter((unit) => !hidden.has(unit.id)));
  }, [units.data, exclude]);

  return (
    <TreeSelect
      {...props}
      multiple={multiple}
      allowClear={allowClear}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      loading={units.isPending}
      status={units.status === 'error' ? 'error' : undefined}
      notFoundContent={units.status === 'error' ? describeError(t, units.error) : undefined}
      placeholder={props.placeholder ?? t('fieldHelp.unitSearch')}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
    />
  );
}
