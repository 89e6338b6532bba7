import { Button, Flex, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { HOLIDAY_RULES, WEEKDAYS, type ServiceHours, type Weekday } from '../../../api/lines';
import { holidayRuleLabel } from '../../../i18n/labels';
import { isValidSpan } from '../../../lib/serviceHours';

interface ServiceHoursEditorProps {
  value?: ServiceHours;
  onChange?: (value: ServiceHours) => void;
}

const EMPTY: ServiceHours = { weekly: {}, onHolidays: 'closed' };
// A new span starts as the common 12345 staffed day; the admin adjusts it.
const NEW_SPAN: [string, string] = ['08:00', '22:00'];

/** Opening spans per weekday (none = closed) and what happens on public holidays. */
export function ServiceHoursEditor({ value = EMPTY, onChange }: ServiceHoursEditorProps) {
  const { t } = useTranslation();

  const setDay = (day: Weekday, spans: [string, string][]) => {
    const weekly = { ...value.weekly };
    if (spans.length === 0) delete weekly[day];
    else weekly[day] = spans;
    onChange?.({ ...value, weekly });
  };

  return (
    <div className="hours-editor" data-testid="service-hours">
      {WEEKDAYS.map((day) => {
        const spans = value.weekly[day] ?? [];
        return (
          <Flex key={day} gap="small" align="center" wrap className="hours-editor__day">
            <Typography.Text strong className="hours-editor__label">
              {t(`weekday.${day}`)}
            </Typography.Text>
            {spans.length === 0 && <Typography.Text type="secondary">{t('adminLines.closedDay')}</Typography.Text>}
            {spans.map(([start, end], index) => {
              const update = (next: [string, string]) => setDay(day, spans.map((span, i) => (i === index ? next : span)));
              const invalid = !isValidSpan(start, end);
              return (
                <Flex key={index} gap={4} align="center">
                  <Input
                    size="small"
                    className="mono hours-editor__time"
                    aria-label={`${t(`weekday.${day}`)} ${t('adminLines.spanStart')}`}
                    status={invalid ? 'error' : undefined}
                    value={start}
                    maxLength={5}
                    onChange={(event) => update([event.target.value, end])}
                  />
                  –
                  <Input
                    size="small"
                    className="mono hours-editor__time"
                    aria-label={`${t(`weekday.${day}`)} ${t('adminLines.spanEnd')}`}
                    status={invalid ? 'error' : undefined}
                    value={end}
                    maxLength={5}
                    onChange={(event) => update([start, event.target.value])}
                  />
                  <Button size="small" type="link" danger onClick={() => setDay(day, spans.filter((_, i) => i !== index))}>
                    {t('adminLines.removeSpan')}
                  </Button>
                </Flex>
              );
            })}
            <Button size="small" type="dashed" onClick={() => setDay(day, [...spans, NEW_SPAN])}>
              {t('adminLines.addSpan')}
            </Button>
          </Flex>
        );
      })}
      <Flex gap="small" align="center" className="hours-editor__day">
        <Typography.Text strong className="hours-editor__label">
          {t('adminLines.onHolidays')}
        </Typography.Text>
        <Select
          size="small"
          value={value.onHolidays}
          onChange={(onHolidays) => onChange?.({ ...value, onHolidays })}
          options={HOLIDAY_RULES.map((rule) => ({ value: rule, label: holidayRuleLabel(t, rule) }))}
          style={{ minWidth: 220 }}
        />
      </Flex>
    </div>
  );
}
