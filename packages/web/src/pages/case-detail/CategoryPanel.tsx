import { Alert, App, Button, Flex, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetCaseCategory } from '../../api/categories';
import type { CaseDetail } from '../../api/cases';
import { isApiError } from '../../api/client';
import { CategorySelect } from '../../components/CategorySelect';
import { describeError } from '../../lib/errors';

interface CategoryPanelProps {
  detail: CaseDetail;
  onChanged: (updated: CaseDetail) => void;
  /** Someone else changed the case meanwhile: the page reloads it. */
  onStale: () => void;
}

/** 诉求分类 of the case, with the names above it, and a change dialog for operators, supervisors and admins. */
export function CategoryPanel({ detail, onChanged, onStale }: CategoryPanelProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [choice, setChoice] = useState<string | null>(detail.category?.id ?? null);
  const save = useSetCaseCategory(detail.id);
  const category = detail.category ?? null;

  const submit = async () => {
    try {
      const updated = await save.mutateAsync(choice);
      setEditing(false);
      void message.success(t('categories.changed'));
      onChanged(updated);
    } catch (error) {
      if (isApiError(error, 'CONFLICT')) {
        setEditing(false);
        onStale();
      }
    }
  };

  return (
    <Flex gap="small" align="center" justify="space-between" wrap>
      <span data-testid="case-category" data-code={category?.code ?? ''}>
        {category ? (
          <>
            {category.path.join(' / ')} {category.retired && <Tag>{t('categories.retiredTag')}</Tag>}
          </>
        ) : (
          <Typography.Text type="secondary">{t('categories.uncategorised')}</Typography.Text>
        )}
      </span>
      {detail.canEditCategory && (
        <Button
          size="small"
          onClick={() => {
            setChoice(category?.id ?? null);
            save.reset();
            setEditing(true);
          }}
          data-testid="case-category-edit"
        >
          {t('categories.change')}
        </Button>
      )}
      {editing && (
        <Modal
          open
          title={t('categories.changeTitle')}
          okText={t('common.save')}
          cancelText={t('common.cancel')}
          onCancel={() => setEditing(false)}
          onOk={() => void submit()}
          confirmLoading={save.isPending}
          okButtonProps={{ 'data-testid': 'case-category-save' } as Record<string, string>}
        >
          <Typography.Paragraph type="secondary">{t('categories.changeHelp')}</Typography.Paragraph>
          <CategorySelect value={choice} onChange={setChoice} data-testid="case-category-select" />
          {save.error && <Alert type="error" showIcon role="alert" className="form-alert" title={describeError(t, save.error)} />}
        </Modal>
      )}
    </Flex>
  );
}
