import { Badge, Button, Checkbox, DatePicker, Flex, Input, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, CASE_TYPES, CHANNELS, PRIORITY_BAND_CODES, URGENCIES } from '@openline/core';
import { listPublicLines } from '../../api/lines';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { caseTypeLabel, channelLabel, statusLabel, urgencyLabel } from '../../i18n/labels';
import { fromPickerValue, toPickerValue } from '../../lib/dates';
import { moreFiltersSet, NO_FILTERS, type CaseListFilters } from './query';

interface CaseFiltersProps {
  value: CaseListFilters;
  onChange: (next: CaseListFilters) => void;
}

/**
 * The case list's filter bar; every change goes straight to the URL. The first row finds a case
 * or a caller (status, number or text, phone, full name, dates); "more filters" folds the
 * narrowing ones (unit, type, channel, line, urgency, priority, open instructions) and stays open
 * while any of them is set.
 */
export function CaseFilters({ value, onChange }: CaseFiltersProps) {
  const { t } = useTranslation();
  // Text, phone and name are applied on Enter or the search button, not on every keystroke.
  const [text, setText] = useState(value.q);
  useEffect(() => setText(value.q), [value.q]);
  const [phone, setPhone] = useState(value.phone);
  useEffect(() => setPhone(value.phone), [value.phone]);
  const [name, setName] = useState(value.callerName);
  useEffect(() => setName(value.callerName), [value.callerName]);
  const moreCount = moreFiltersSet(value);
  const [showMore, setShowMore] = useState(moreCount > 0);
  const filtered = JSON.stringify(value) !== JSON.stringify(NO_FILTERS);

  return (
    <Flex component="form" role="search" aria-label={t('caseFilters.label')} vertical gap="small" className="case-filters" onSubmit={(e) => e.preventDefault()}>
      <Flex gap="small" wrap>
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
          style={{ width: 240 }}
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
          style={{ width: 180 }}
        />
        <Input.Search
          data-testid="filter-caller-name"
          aria-label={t('caseFilters.callerName')}
          title={t('caseFilters.callerNameHelp')}
          placeholder={t('caseFilters.callerNamePlaceholder')}
          value={name}
          maxLength={50}
          allowClear
          onChange={(event) => setName(event.target.value)}
          onSearch={(typed) => onChange({ ...value, callerName: typed.trim() })}
          style={{ width: 170 }}
        />
        <DatePicker.RangePicker
          data-testid="filter-dates"
          aria-label={t('caseFilters.dateRange')}
          placeholder={[t('caseFilters.startDate'), t('caseFilters.endDate')]}
          value={[toPickerValue(value.from), toPickerValue(value.to)]}
          allowEmpty={[true, true]}
          onChange={(range) => onChange({ ...value, from: fromPickerValue(range?.[0]), to: fromPickerValue(range?.[1]) })}
        />
        <Checkbox checked={value.overdue} onChange={(event) => onChange({ ...value, overdue: event.target.checked })} className="case-filters__check">
          <span data-testid="filter-overdue">{t('caseFilters.overdue')}</span>
        </Checkbox>
        <Button type="link" onClick={() => setShowMore((open) => !open)} aria-expanded={showMore} data-testid="filter-more">
          {showMore ? t('caseFilters.less') : moreCount > 0 ? t('caseFilters.moreCount', { count: moreCount }) : t('caseFilters.more')}
          {!showMore && moreCount > 0 && <Badge dot offset={[4, -8]} />}
        </Button>
        {filtered && <Button onClick={() => onChange(NO_FILTERS)}>{t('caseFilters.reset')}</Button>}
      </Flex>
      {showMore && <MoreFilters value={value} onChange={onChange} />}
    </Flex>
  );
}

function MoreFilters({ value, onChange }: CaseFiltersProps) {
  const { t } = useTranslation();
  const lines = useQuery({ queryKey: ['lines', 'public'], queryFn: ({ signal }) => listPublicLines(signal), staleTime: 5 * 60_000 });
  const select = (key: 'type' | 'channel' | 'lineId' | 'urgency' | 'priorityBand', label: string, options: Array<{ value: string; label: string }>, width = 140) => (
    <Select
      allowClear
      data-testid={`filter-${key}`}
      aria-label={label}
      placeholder={label}
      value={value[key] ?? undefined}
      onChange={(next: string | undefined) => onChange({ ...value, [key]: next ?? null })}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width }}
    />
  );
  return (
    <Flex gap="small" wrap data-testid="filter-more-row">
      <div style={{ width: 200 }}>
        <OrgUnitSelect
          data-testid="filter-unit"
          placeholder={t('caseFilters.unit')}
          value={value.unitId ?? undefined}
          onChange={(next) => onChange({ ...value, unitId: typeof next === 'string' ? next : null })}
        />
      </div>
      {select('type', t('caseFilters.type'), CASE_TYPES.map((type) => ({ value: type, label: caseTypeLabel(t, type) })), 120)}
      {select('channel', t('caseFilters.channel'), CHANNELS.map((channel) => ({ value: channel, label: channelLabel(t, channel) })), 120)}
      {select('lineId', t('caseFilters.line'), (lines.data ?? []).map((line) => ({ value: line.id, label: line.name })), 180)}
      {select('urgency', t('caseFilters.urgency'), URGENCIES.map((urgency) => ({ value: urgency, label: urgencyLabel(t, urgency) })), 120)}
      {select('priorityBand', t('caseFilters.priority'), PRIORITY_BAND_CODES.map((band) => ({ value: band, label: t(`priorityBand.${band}`) })), 180)}
      <Checkbox checked={value.openInstruction} onChange={(event) => onChange({ ...value, openInstruction: event.target.checked })} className="case-filters__check">
        <span data-testid="filter-open-instruction">{t('caseFilters.openInstruction')}</span>
      </Checkbox>
    </Flex>
  );
}
