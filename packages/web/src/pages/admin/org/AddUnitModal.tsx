import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { createOrgUnit, ORG_UNIT_KINDS, type OrgUnit, type OrgUnitKind } from '../../../api/org';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect';
import { orgKindLabel } from '../../../i18n/labels';
import { describeError } from '../../../lib/errors';

interface UnitValues {
  parentId: string;
  name: string;
  kind: OrgUnitKind;
}

interface AddUnitModalProps {
  parentId: string | undefined;
  onCreated: (unit: OrgUnit) => void;
  onCancel: () => void;
}

export function AddUnitModal({ parentId, onCreated, onCancel }: AddUnitModalProps) {
  const { t } = useTranslation();
  // The modal closes on success; until then it stays disabled, so a second click cannot add twice.
  const saving = useMutation({
    mutationFn: (values: UnitValues) => createOrgUnit({ ...values, name: values.name.trim() }),
    onSuccess: onCreated,
  });
  const submitting = saving.isPending || saving.isSuccess;
  const error = saving.error;
  const onFinish = (values: UnitValues) => saving.mutate(values);

  return (
    <Modal open title={t('org.add')} onCancel={onCancel} footer={null} destroyOnHidden>
      <Form<UnitValues> layout="vertical" onFinish={onFinish} disabled={submitting} initialValues={{ parentId, kind: 'department' }}>
        <Form.Item name="parentId" label={t('org.parent')} rules={[{ required: true, message: t('org.parentRequired') }]}>
          <OrgUnitSelect data-testid="unit-parent" allowClear={false} />
        </Form.Item>
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }]}>
          <Input maxLength={100} data-testid="unit-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true }]}>
          <Select data-testid="unit-kind" options={ORG_UNIT_KINDS.map((kind) => ({ value: kind, label: orgKindLabel(t, kind) }))} />
        </Form.Item>
        {error !== null && <Alert type="error" showIcon role="alert" className="form-alert" title={describeError(t, error)} />}
        <Flex justify="flex-end" gap="small">
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="unit-submit">
            {t('org.add')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
