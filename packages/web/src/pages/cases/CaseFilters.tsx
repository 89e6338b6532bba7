import { Button, Checkbox, DatePicker, Flex, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES } from '@openline/core';
import { statusLabel } from '../../i18n/labels';
import { fromPickerValue, toPickerValue } from '../../lib/dates';
import { CategorySelect } from '../../components/CategorySelect';
import { NO_FILTERS, type CaseListFilters } from './query';

interface CaseFiltersProps {
  value: CaseListFilters;
  onChange: (next: CaseListFilters) => void;
}

/** Status, overdue, text, caller phone and registration dates; every change goes straight to the URL. */
export function CaseFilters({ value, onChange }: CaseFiltersProps) {
  const { t } = useTranslation();
  // Text is applied on Enter or the search button, not on every keystroke.
  const [text, setText] = useState(value.q);
  useEffect(() => setText(value.q), [value.q]);
  const [phone, setPhone] = useState(value.phone);
  useEffect(() => setPhone(value.phone), [value.phone]);
  const filtered = JSON.stringify(value) !== JSON.stringify(NO_FILTERS);

  return (
    <Flex component="form" role="search" aria-label={t('caseFilters.label')} gap="small" wrap className="case-filters" onSubmit={(e) => e.preventDefault()}>
      <Select
        mode="multiple"
        allowClear
        data-testid="filter-status"
        aria-label={t('caseFilters.status')}
        placeholder={t('caseFilters.statusPlaceholder')}
        value={value.statuses}
        onChange={(statuses: string[]) => onChange({ ...value, statuses })}
        options={CASE_STATUSES.map((status) => ({ value: status, label: statusLabel(t, status) }))}
        showSearch={{ optionFilterProp: 'label' }}
        maxTagCount="responsive"
        style={{ minWidth: 200, maxWidth: 360 }}
      />
      <Input.Search
        data-testid="filter-text"
        aria-label={t('caseFilters.text')}
        placeholder={t('caseFilters.textPlaceholder')}
        value={text}
        maxLength={100}
        allowClear
        onChange={(event) => setText(event.target.value)}
        onSearch={(q) => onChange({ ...value, q: q.trim() })}
        style={{ width: 260 }}
      />
      <Input.Search
        data-testid="filter-phone"
        aria-label={t('caseFilters.phone')}
        placeholder={t('caseFilters.phonePlaceholder')}
        value={phone}
        maxLength={32}
        inputMode="tel"
        allowClear
        onChange={(event) => setPhone(event.target.value)}
        onSearch={(typed) => onChange({ ...value, phone: typed.trim() })}
        style={{ width: 200 }}
      />
      <DatePicker.RangePicker
        data-testid="filter-dates"
        aria-label={t('caseFilters.dateRange')}
        placeholder={[t('caseFilters.startDate'), t('caseFilters.endDate')]}
        value={[toPickerValue(value.from), toPickerValue(value.to)]}
        allowEmpty={[true, true]}
        onChange={(range) => onChange({ ...value, from: fromPickerValue(range?.[0]), to: fromPickerValue(range?.[1]) })}
      />
      <div style={{ width: 200 }} aria-label={t('categories.filter')}>
        <CategorySelect includeRetired value={value.categoryId} onChange={(categoryId) => onChange({ ...value, categoryId: categoryId ?? undefined })} placeholder={t('categories.filter')} data-testid="filter-category" />
      </div>
      <Checkbox
        checked={value.overdue}
        onChange={(event) => onChange({ ...value, overdue: event.target.checked })}
        className="case-filters__check"
      >
        <span data-testid="filter-overdue">{t('caseFilters.overdue')}</span>
      </Checkbox>
      {filtered && <Button onClick={() => onChange(NO_FILTERS)}>{t('caseFilters.reset')}</Button>}
    </Flex>
  );
}
