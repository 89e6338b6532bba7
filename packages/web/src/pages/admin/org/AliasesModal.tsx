import { useMutation } from '@tanstack/react-query';
import { Alert, Modal, Select, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveOrgUnitAliases, type OrgUnit } from '../../../api/org';
import { describeError } from '../../../lib/errors';

/** A unit's short names (住建局, 城管): the SMS petition line recognises the unit a text is about by them. */
export function AliasesModal({ unit, onSaved, onCancel }: { unit: OrgUnit; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [aliases, setAliases] = useState<string[]>(unit.aliases ?? []);
  const save = useMutation({ mutationFn: () => saveOrgUnitAliases(unit.id, aliases.map((a) => a.trim()).filter((a) => a !== '')), onSuccess: onSaved });
  return (
    <Modal
      open
      title={t('org.aliasesTitle', { name: unit.name })}
      onCancel={onCancel}
      onOk={() => save.mutate()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'aliases-save' } as ButtonProps}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('org.aliasesHint')}</Typography.Paragraph>
      <Select
        mode="tags"
        value={aliases}
        onChange={setAliases}
        open={false}
        tokenSeparators={[',', '，', '、']}
        maxCount={20}
        style={{ width: '100%' }}
        aria-label={t('org.aliases')}
        data-testid="aliases-input"
      />
      {save.error && <Alert type="error" showIcon role="alert" className="form-alert" title={describeError(t, save.error)} />}
    </Modal>
  );
}
