import { Alert, Form, Input, Modal } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { useCategoryEdits, type Category, type CategoryView } from '../../../api/categories';
import { CategorySelect } from '../../../components/CategorySelect';
import { forbiddenParents, isCategoryCode, parseKeywords } from '../../../lib/categoryTree';
import { describeError } from '../../../lib/errors';

export type CategoryFormMode = { kind: 'create'; parent: Category | null } | { kind: 'edit'; category: Category };

interface Values {
  parentId: string | null;
  code: string;
  name: string;
  keywords: string;
  description: string;
}

/** Adds a category, or edits one: its name, words, description and parent (a move). The code is set once. */
export function CategoryForm({ mode, nodes, onClose, onSaved }: { mode: CategoryFormMode; nodes: readonly Category[]; onClose: () => void; onSaved: (c: CategoryView) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const edits = useCategoryEdits();
  const [error, setError] = useState<unknown>(null);
  const editing = mode.kind === 'edit' ? mode.category : null;
  const forbidden = useMemo(() => forbiddenParents(nodes, editing?.id ?? null), [nodes, editing]);
  const initial: Values = editing
    ? { parentId: editing.parentId, code: editing.code, name: editing.name, keywords: editing.keywords.join(' '), description: editing.description ?? '' }
    : { parentId: mode.kind === 'create' ? (mode.parent?.id ?? null) : null, code: '', name: '', keywords: '', description: '' };

  const submit = async (values: Values) => {
    setError(null);
    const keywords = parseKeywords(values.keywords);
    const description = values.description.trim() === '' ? null : values.description.trim();
    try {
      const saved = editing
        ? await edits.update.mutateAsync({
            id: editing.id,
            changes: { name: values.name.trim(), keywords, description, ...(values.parentId !== editing.parentId ? { parentId: values.parentId } : {}) },
          })
        : await edits.create.mutateAsync({ parentId: values.parentId, code: values.code.trim(), name: values.name.trim(), keywords, description });
      onSaved(saved);
    } catch (e) {
      if (isApiError(e, 'CONFLICT')) form.setFields([{ name: 'code', errors: [t('categories.codeTaken')] }]);
      setError(e);
    }
  };

  return (
    <Modal
      open
      title={editing ? t('categories.editTitle', { name: editing.name }) : t('categories.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={edits.create.isPending || edits.update.isPending}
      okButtonProps={{ 'data-testid': 'category-form-save' } as Record<string, string>}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)} data-testid="category-form">
        <Form.Item name="parentId" label={t('categories.parent')} extra={t('categories.parentHelp')}>
          <CategorySelect includeRetired={false} nodes={nodes} disabledIds={forbidden} placeholder={t('categories.topLevel')} data-testid="category-form-parent" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('categories.code')}
          extra={editing ? t('categories.codeFixed') : t('categories.codeHelp')}
          rules={[{ required: true, message: t('categories.codeHelp') }, { validator: async (_, v: string) => { if (v && !isCategoryCode(v.trim())) throw new Error(t('categories.codeHelp')); } }]}
        >
          <Input disabled={editing !== null} maxLength={40} data-testid="category-form-code" />
        </Form.Item>
        <Form.Item name="name" label={t('categories.name')} rules={[{ required: true, whitespace: true, message: t('categories.nameRequired') }]}>
          <Input maxLength={50} data-testid="category-form-name" />
        </Form.Item>
        <Form.Item name="keywords" label={t('categories.keywords')} extra={t('categories.keywordsHelp')}>
          <Input.TextArea rows={2} data-testid="category-form-keywords" />
        </Form.Item>
        <Form.Item name="description" label={t('categories.description')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
      {error !== null && <Alert type="error" showIcon role="alert" className="form-alert" title={describeError(t, error)} />}
    </Modal>
  );
}
