import { useMutation } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError, type ErrorDetail } from '../../../api/client';
import { createArticle, updateArticle, type Article, type ArticleInput } from '../../../api/kb';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect';
import { fromPickerValue, toPickerValue } from '../../../lib/dates';
import { describeDetail, describeError } from '../../../lib/errors';
import { daysToValidity, validityToDays } from '../../../lib/validity';

interface FormValues {
  question: string;
  answer: string;
  tags?: string[];
  validity?: [Dayjs | null, Dayjs | null] | null;
  ownerUnitId?: string | null;
}

interface ArticleFormModalProps {
  /** The article to edit, or null to write a new one. */
  article: Article | null;
  onSaved: (article: Article) => void;
  onCancel: () => void;
}

const FIELD_OF: Record<string, keyof FormValues> = {
  question: 'question',
  answer: 'answer',
  tags: 'tags',
  validFrom: 'validity',
  validTo: 'validity',
  ownerUnitId: 'ownerUnitId',
};

/** The form field a server detail is about ("body.validTo", ["validTo"], "tags.2" …). */
function fieldOf(path: ErrorDetail['path']): keyof FormValues | undefined {
  const parts = (Array.isArray(path) ? path.map(String) : path.split('.')).filter((part) => part !== 'body');
  return parts[0] === undefined ? undefined : FIELD_OF[parts[0]];
}

function initialValues(article: Article | null): Partial<FormValues> {
  if (!article) return { tags: [] };
  const [from, to] = validityToDays(article.validFrom, article.validTo);
  return {
    question: article.question,
    answer: article.answer,
    tags: article.tags,
    validity: from || to ? [toPickerValue(from), toPickerValue(to)] : null,
    ownerUnitId: article.ownerUnitId,
  };
}

export function ArticleFormModal({ article, onSaved, onCancel }: ArticleFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  // The modal closes on success; until then it stays disabled, so a second click cannot save twice.
  const saving = useMutation({
    mutationFn: (values: FormValues) => {
      const input: ArticleInput = {
        question: values.question.trim(),
        answer: values.answer.trim(),
        tags: (values.tags ?? []).map((tag) => tag.trim()).filter(Boolean),
        ...daysToValidity(fromPickerValue(values.validity?.[0]), fromPickerValue(values.validity?.[1])),
        ownerUnitId: values.ownerUnitId ?? null,
      };
      return article ? updateArticle(article.id, input) : createArticle(input);
    },
    onSuccess: onSaved,
    onError: (caught) => {
      if (isApiError(caught, 'VALIDATION_FAILED') || isApiError(caught, 'REFERENCE_NOT_FOUND')) {
        // Put the server's reasons (e.g. validTo must be after validFrom) next to their fields.
        const byField = new Map<keyof FormValues, string[]>();
        for (const detail of caught.details) {
          const name = fieldOf(detail.path);
          if (name) byField.set(name, [...(byField.get(name) ?? []), describeDetail(t, detail, caught.code)]);
        }
        form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
      }
    },
  });
  const submitting = saving.isPending || saving.isSuccess;
  const error = saving.error;
  const onFinish = (values: FormValues) => saving.mutate(values);

  return (
    <Modal open width={720} title={article ? t('kbAdmin.editTitle') : t('kbAdmin.add')} onCancel={onCancel} footer={null} destroyOnHidden>
      <Form<FormValues> form={form} layout="vertical" onFinish={onFinish} disabled={submitting} initialValues={initialValues(article)}>
        <Form.Item name="question" label={t('kbAdmin.question')} rules={[{ required: true, whitespace: true, min: 2, message: t('kbAdmin.rules.question') }]}>
          <Input maxLength={500} data-testid="kb-field-question" />
        </Form.Item>
        <Form.Item name="answer" label={t('kbAdmin.answer')} rules={[{ required: true, whitespace: true, min: 2, message: t('kbAdmin.rules.answer') }]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={10_000} data-testid="kb-field-answer" />
        </Form.Item>
        <Form.Item name="tags" label={t('kbAdmin.tags')} extra={t('kbAdmin.tagsHelp')}>
          <Select mode="tags" maxCount={20} tokenSeparators={[',', '，']} data-testid="kb-field-tags" />
        </Form.Item>
        <Flex gap="middle" wrap>
          <Form.Item name="validity" label={t('kbAdmin.validity')} extra={t('kbAdmin.validityHelp')} className="grow">
            <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="kb-field-validity" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="ownerUnitId" label={t('kbAdmin.owner')} className="grow">
            <OrgUnitSelect data-testid="kb-field-owner" />
          </Form.Item>
        </Flex>
        {error !== null && <Alert type="error" showIcon role="alert" className="form-alert" title={describeError(t, error)} />}
        <Flex justify="flex-end" gap="small">
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="kb-save">
            {t('common.save')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
