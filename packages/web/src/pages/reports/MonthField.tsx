import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { cityMonth, isMonth } from './month';

/** The report's month from the URL (?month=YYYY-MM), so a report can be linked and reloaded. */
export function useMonthParam(): [string, (month: string) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('month');
  const month = isMonth(raw) ? raw : cityMonth();
  const setMonth = (next: string) =>
    setParams((current) => {
      const copy = new URLSearchParams(current);
      copy.set('month', next);
      return copy;
    });
  return [month, setMonth];
}

export function MonthField({ month, onChange }: { month: string; onChange: (month: string) => void }) {
  const { t } = useTranslation();
  return (
    <DatePicker
      picker="month"
      allowClear={false}
      aria-label={t('reports.month')}
      data-testid="report-month"
      value={dayjs(`${month}-01`)}
      onChange={(value) => value && onChange(value.format('YYYY-MM'))}
    />
  );
}
