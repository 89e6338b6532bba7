import { useMutation } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Form, Input, InputNumber, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { fetchPackageYear, saveCalendarYear, type CalendarAnswer, type CalendarYear } from '../../../api/settings';
import { fromPickerValue, toPickerValue } from '../../../lib/dates';
import { describeError } from '../../../lib/errors';

interface YearValues {
  year: number;
  name?: string;
  holidays: Dayjs[];
  makeupWorkdays: Dayjs[];
}

interface CalendarYearModalProps {
  /** The year to edit, or the year to suggest for a new one. */
  existing: CalendarYear | null;
  suggestedYear: number;
  onSaved: (answer: CalendarAnswer, year: number) => void;
  onCancel: () => void;
}

interface DateListProps {
  value?: Dayjs[];
  onChange?: (value: Dayjs[]) => void;
  defaultPickerValue?: Dayjs;
  testId: string;
}

/** A set of dates picked on a calendar; the wrapper carries the test id the picker would drop. */
function DateList({ value, onChange, defaultPickerValue, testId }: DateListProps) {
  return (
    <div data-testid={testId}>
      <DatePicker
        multiple
        value={value}
        onChange={(days: Dayjs[] | null) => onChange?.(days ?? [])}
        maxTagCount="responsive"
        defaultPickerValue={defaultPickerValue}
        style={{ width: '100%' }}
      />
    </div>
  );
}

const toDays = (dates: readonly string[]): Dayjs[] => dates.map(toPickerValue).filter((d): d is Dayjs => d !== null);
const fromDays = (days: readonly Dayjs[] | undefined): string[] =>
  [...new Set((days ?? []).map(fromPickerValue).filter((d): d is string => d !== null))].sort();

/**
 * One year's holidays and make-up working days. A new year starts from the maintained package
 * when it covers the year; otherwise the admin types the dates from the State Council notice.
 */
export function CalendarYearModal({ existing, suggestedYear, onSaved, onCancel }: CalendarYearModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<YearValues>();
  const year = Form.useWatch('year', form) ?? existing?.year ?? suggestedYear;
  const januaryOf = toPickerValue(`${year}-01-01`) ?? undefined;

  // A year the package does not know (404) is a notice, not an error: the admin enters it by hand.
  const filling = useMutation({
    mutationFn: (forYear: number) => fetchPackageYear(forYear),
    onSuccess: (template) => form.setFieldsValue({ holidays: toDays(template.holidays), makeupWorkdays: toDays(template.makeupWorkdays) }),
  });
  const noPackage = isApiError(filling.error) && filling.error.status === 404;
  const notice = noPackage ? t('calendar.noPackage', { year: filling.variables }) : null;

  // The modal closes on success; until then it stays disabled, so a second click cannot save twice.
  const saving = useMutation({
    mutationFn: (values: YearValues) => {
      const name = values.name?.trim();
      return saveCalendarYear(values.year, {
        holidays: fromDays(values.holidays),
        makeupWorkdays: fromDays(values.makeupWorkdays),
        ...(name ? { name } : {}),
      });
    },
    onSuccess: (answer, values) => onSaved(answer, values.year),
  });
  const error = saving.error ?? (noPackage ? null : filling.error);
  const onFinish = (values: YearValues) => {
    filling.reset();
    saving.mutate(values);
  };
  const fillFromPackage = () => {
    saving.reset();
    filling.mutate(year);
  };

  return (
    <Modal open width={640} title={t('calendar.editTitle', { year })} onCancel={onCancel} footer={null} destroyOnHidden>
      <Form<YearValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={saving.isPending || saving.isSuccess}
        initialValues={{
          year: existing?.year ?? suggestedYear,
          name: existing?.name ?? '',
          holidays: toDays(existing?.holidays ?? []),
          makeupWorkdays: toDays(existing?.makeupWorkdays ?? []),
        }}
      >
        <Flex gap="middle" align="end" wrap>
          <Form.Item name="year" label={t('calendar.year')} rules={[{ required: true, type: 'integer', min: 2000, max: 2100, message: t('calendar.yearRequired') }]}>
            <InputNumber disabled={Boolean(existing)} precision={0} min={2000} max={2100} data-testid="calendar-year" />
          </Form.Item>
          <Form.Item>
            <Button onClick={fillFromPackage} loading={filling.isPending} data-testid="calendar-fill">
              {t('calendar.fromPackage')}
            </Button>
          </Form.Item>
        </Flex>
        {notice && <Alert type="info" showIcon className="form-alert" title={notice} />}
        <Form.Item name="holidays" label={t('calendar.holidayDates')}>
          <DateList testId="calendar-holidays" defaultPickerValue={januaryOf} />
        </Form.Item>
        <Form.Item name="makeupWorkdays" label={t('calendar.makeupDates')}>
          <DateList testId="calendar-makeup" defaultPickerValue={januaryOf} />
        </Form.Item>
        <Form.Item name="name" label={t('calendar.name')}>
          <Input maxLength={100} placeholder={t('calendar.namePlaceholder')} />
        </Form.Item>
        {error !== null && <Alert type="error" showIcon role="alert" className="form-alert" title={describeError(t, error)} />}
        <Flex justify="flex-end" gap="small">
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={saving.isPending || saving.isSuccess} data-testid="calendar-save">
            {t('calendar.save')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
