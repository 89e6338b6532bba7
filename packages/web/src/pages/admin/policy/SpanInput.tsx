import { InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { SPAN_UNITS, type Span } from '../../../api/settings';

interface SpanInputProps {
  value: Span;
  onChange: (value: Span) => void;
  label: string;
}

/** "2 working hours": an amount and its unit, as one control. */
export function SpanInput({ value, onChange, label }: SpanInputProps) {
  const { t } = useTranslation();
  const invalid = !Number.isInteger(value.amount) || value.amount < 1;
  return (
    <Space.Compact>
      <InputNumber
        aria-label={label}
        min={1}
        precision={0}
        value={value.amount}
        status={invalid ? 'error' : undefined}
        onChange={(amount) => onChange({ ...value, amount: amount ?? 0 })}
        style={{ width: 72 }}
      />
      <Select
        aria-label={label}
        value={value.unit}
        onChange={(unit) => onChange({ ...value, unit })}
        options={SPAN_UNITS.map((unit) => ({ value: unit, label: t(`policy.unit.${unit}`) }))}
        popupMatchSelectWidth={false}
        style={{ width: 110 }}
      />
    </Space.Compact>
  );
}
