import { Form, Input, InputNumber, Radio, Select, type FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONTACT_METHOD_CHOICES, contactMethodLabel, SATISFACTION_CHOICES, satisfactionLabel } from '../../i18n/labels';
import { OrgUnitSelect } from '../OrgUnitSelect';
import { MAX_EXTENSION_DAYS, type FieldSpec } from './fields';
import { ParentCaseSelect } from './ParentCaseSelect';

// The validator checks the value's type too, and assumes text unless told otherwise.
const VALUE_TYPE: Record<FieldSpec['kind'], 'string' | 'array' | 'number' | 'boolean'> = {
  textarea: 'string',
  unit: 'string',
  units: 'array',
  workingDays: 'number',
  contactMethod: 'string',
  solved: 'boolean',
  satisfaction: 'string',
  parentCase: 'string',
};

// Matches core's note/reason limit; the server has the last word.
const TEXT_MAX = 2000;
const LONG_TEXT_MAX = 4000;

interface ActionFieldProps {
  field: FieldSpec;
  caseId: string;
  /** Current lead unit choice, so it is not offered again as a co-handler. */
  leadUnitId?: string;
}

/**
 * One field of an action form; its test id is `action-field-<api name>`. Radio choices carry
 * theirs on the visible label (`action-field-solved-yes`): antd would put it on the hidden input,
 * which neither a user nor a test can click.
 */
export function ActionField({ field, caseId, leadUnitId }: ActionFieldProps) {
  const { t } = useTranslation();
  const label = t(`field.${field.label}`);
  const testId = `action-field-${field.name}`;
  const isChoice = field.kind !== 'textarea' && field.kind !== 'workingDays';
  const rules: FormRule[] = field.required
    ? [
        {
          required: true,
          type: VALUE_TYPE[field.kind],
          whitespace: field.kind === 'textarea',
          message: t(isChoice ? 'fieldRule.requiredChoice' : 'fieldRule.required', { field: label }),
        },
      ]
    : [];

  return (
    <Form.Item name={field.name} label={label} rules={rules}>
      {renderInput()}
    </Form.Item>
  );

  function renderInput() {
    switch (field.kind) {
      case 'textarea': {
        const max = field.name === 'text' ? LONG_TEXT_MAX : TEXT_MAX;
        return <Input.TextArea data-testid={testId} autoSize={{ minRows: 3, maxRows: 10 }} maxLength={max} showCount />;
      }
      case 'unit':
        return <OrgUnitSelect data-testid={testId} />;
      case 'units':
        return <OrgUnitSelect data-testid={testId} multiple exclude={leadUnitId ? [leadUnitId] : undefined} />;
      case 'workingDays':
        return <InputNumber data-testid={testId} min={1} max={MAX_EXTENSION_DAYS} precision={0} style={{ width: 160 }} />;
      case 'contactMethod':
        return (
          <Select
            data-testid={testId}
            allowClear
            options={CONTACT_METHOD_CHOICES.map((method) => ({ value: method, label: contactMethodLabel(t, method) }))}
          />
        );
      case 'solved':
        return (
          <Radio.Group data-testid={testId}>
            <Radio value={true}>
              <span data-testid={`${testId}-yes`}>{t('solved.yes')}</span>
            </Radio>
            <Radio value={false}>
              <span data-testid={`${testId}-no`}>{t('solved.no')}</span>
            </Radio>
          </Radio.Group>
        );
      case 'satisfaction':
        return (
          <Radio.Group data-testid={testId}>
            {SATISFACTION_CHOICES.map((level) => (
              <Radio key={level} value={level}>
                <span data-testid={`${testId}-${level}`}>{satisfactionLabel(t, level)}</span>
              </Radio>
            ))}
          </Radio.Group>
        );
      case 'parentCase':
        return <ParentCaseSelect data-testid={testId} excludeId={caseId} />;
    }
  }
}
