import { Button, Flex, Form, Input, Modal, Select } from 'antd';
import { URGENCIES } from '@openline/core';
import { useTranslation } from 'react-i18next';
import { REDIRECT_NUMBERS, type LexiconCategory } from '../../../api/lexicon';
import { urgencyLabel } from '../../../i18n/labels';
import { editOf, withEdit, type CategoryEdit } from '../../../lib/lexicon';

interface CategoryModalProps {
  category: LexiconCategory;
  onApply: (category: LexiconCategory) => void;
  onCancel: () => void;
}

/** Edits a category's level, terms, exclusions and hand-over number; the rest stays as loaded. */
export function CategoryModal({ category, onApply, onCancel }: CategoryModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CategoryEdit>();
  const redirectNumber = Form.useWatch('redirectNumber', form);

  return (
    <Modal open width={720} title={t('lexicon.editTitle', { label: category.label })} onCancel={onCancel} footer={null} destroyOnHidden>
      <Form<CategoryEdit> form={form} layout="vertical" initialValues={editOf(category)} onFinish={(edit) => onApply(withEdit(category, edit))}>
        <Flex gap="middle" wrap>
          <Form.Item name="level" label={t('lexicon.level')} className="grow">
            <Select options={URGENCIES.map((value) => ({ value, label: urgencyLabel(t, value) }))} data-testid="lexicon-field-level" />
          </Form.Item>
          <Form.Item name="redirectNumber" label={t('lexicon.redirect')} className="grow">
            <Select
              options={[{ value: null, label: t('lexicon.noRedirect') }, ...REDIRECT_NUMBERS.map((value) => ({ value, label: value }))]}
              data-testid="lexicon-field-redirect"
            />
          </Form.Item>
        </Flex>
        {redirectNumber !== null && redirectNumber !== undefined && (
          <Form.Item name="redirectReason" label={t('lexicon.redirectReason')} extra={t('lexicon.redirectReasonHelp')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={300} data-testid="lexicon-field-reason" />
          </Form.Item>
        )}
        <Form.Item name="terms" label={t('lexicon.terms')} extra={t('lexicon.termsHelp')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} data-testid="lexicon-field-terms" />
        </Form.Item>
        <Form.Item name="excludes" label={t('lexicon.excludes')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} data-testid="lexicon-field-excludes" />
        </Form.Item>
        <Flex justify="flex-end" gap="small">
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" data-testid="lexicon-apply">
            {t('lexicon.apply')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
