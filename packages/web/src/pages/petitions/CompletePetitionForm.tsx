import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { completePetition, type CompletePetition, type PetitionDetail } from '../../api/petitions';
import { OrgUnitSelect } from '../../components/OrgUnitSelect';
import { describeError } from '../../lib/errors';

/** 18 characters ending in the check character, or the old 15 digits; the server checks the check character. */
const ID_SHAPE = /^(\d{17}[\dXx]|\d{15})$/;

/** What the operator confirmed on the phone; empty fields keep what the texts said. */
export function CompletePetitionForm({ petition, onDone }: { petition: PetitionDetail; onDone: (caseNumber: string | null) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CompletePetition>();
  const complete = useMutation({ mutationFn: (input: CompletePetition) => completePetition(petition.id, input), onSuccess: (done) => onDone(done.caseNumber) });
  const needs = new Set([...petition.missing, ...petition.invalid.map((p) => p.field)]);
  const required = (field: string) => (needs.has(field as never) ? [{ required: true, whitespace: true, message: t(`petitions.field.${field as 'unit'}`) }] : []);

  const onFinish = (values: CompletePetition) => {
    const input = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string' && v.trim() !== '').map(([k, v]) => [k, String(v).trim()]));
    complete.mutate(input);
  };

  return (
    <Form<CompletePetition> form={form} layout="vertical" onFinish={onFinish} disabled={complete.isPending} data-testid="petition-complete-form">
      <Typography.Title level={5}>{t('petitions.completeTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('petitions.completeIntro')}</Typography.Paragraph>
      <Form.Item name="unitId" label={t('petitions.field.unit')} rules={required('unit')}>
        <OrgUnitSelect placeholder={petition.unit?.name ?? t('petitions.unitPlaceholder')} data-testid="petition-unit" />
      </Form.Item>
      <Form.Item name="name" label={t('petitions.field.name')} rules={required('name')}>
        <Input maxLength={50} placeholder={petition.name ?? undefined} data-testid="petition-name" />
      </Form.Item>
      <Form.Item name="address" label={t('petitions.field.address')} rules={required('address')}>
        <Input maxLength={200} placeholder={petition.address ?? undefined} data-testid="petition-address" />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t('petitions.field.idNumber')}
        rules={[...required('idNumber'), { pattern: ID_SHAPE, message: t('petitions.idNumberInvalid') }]}
      >
        <Input className="mono" maxLength={18} placeholder={petition.idNumber ?? undefined} data-testid="petition-id-number" />
      </Form.Item>
      <Form.Item name="demand" label={t('petitions.field.demand')} rules={required('demand')}>
        <Input.TextArea rows={2} maxLength={2000} placeholder={petition.demand ?? undefined} data-testid="petition-demand" />
      </Form.Item>
      {complete.error && <Alert type="error" showIcon role="alert" className="form-alert" title={describeError(t, complete.error)} />}
      <Button type="primary" htmlType="submit" loading={complete.isPending} data-testid="petition-complete">
        {t('petitions.complete')}
      </Button>
    </Form>
  );
}
