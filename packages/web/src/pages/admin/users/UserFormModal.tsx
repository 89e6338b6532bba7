import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Flex, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES } from '@openline/core';
import { createUser, updateUser, type AdminUser, type NewUserInput, type UserChanges } from '../../../api/users';
import { OrgUnitSelect } from '../../../components/OrgUnitSelect';
import { roleLabel } from '../../../i18n/labels';
import { describeError } from '../../../lib/errors';

/** The server's rules (admin users schema): lower-case usernames, passwords of 10+ characters. */
const USERNAME = /^[a-z0-9._-]{3,32}$/;
export const PASSWORD_MIN = 10;

interface UserValues {
  username: string;
  displayName: string;
  password?: string;
  roles: string[];
  orgUnitId: string;
}

interface UserFormModalProps {
  /** The user to edit, or null to create one. */
  user: AdminUser | null;
  onSaved: (user: AdminUser) => void;
  onCancel: () => void;
}

export function UserFormModal({ user, onSaved, onCancel }: UserFormModalProps) {
  const { t } = useTranslation();
  // The modal closes on success; until then it stays disabled, so a second click cannot save twice.
  const saving = useMutation({
    mutationFn: (values: UserValues) => {
      const password = values.password || undefined;
      if (user) {
        const changes: UserChanges = { displayName: values.displayName.trim(), roles: values.roles, orgUnitId: values.orgUnitId, password };
        return updateUser(user.id, changes);
      }
      const input: NewUserInput = { ...values, username: values.username.trim(), displayName: values.displayName.trim(), password: password ?? '' };
      return createUser(input);
    },
    onSuccess: onSaved,
  });
  const submitting = saving.isPending || saving.isSuccess;
  const error = saving.error;
  const onFinish = (values: UserValues) => saving.mutate(values);

  return (
    <Modal
      open
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.add')}
      onCancel={onCancel}
      footer={null}
      destroyOnHidden
    >
      <Form<UserValues>
        layout="vertical"
        onFinish={onFinish}
        disabled={submitting}
        initialValues={user ? { ...user, password: '' } : { roles: [] }}
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[{ required: true, pattern: USERNAME, message: t('users.rules.username') }]}
        >
          <Input disabled={Boolean(user)} autoComplete="off" className="mono" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.rules.displayName') }]}>
          <Input maxLength={50} data-testid="user-display-name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={user ? t('users.newPassword') : t('users.password')}
          extra={user ? t('users.newPasswordHelp') : t('users.passwordHelp', { min: PASSWORD_MIN })}
          rules={[{ required: !user, min: PASSWORD_MIN, message: t('users.rules.password', { min: PASSWORD_MIN }) }]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('users.rules.roles') }]}>
          <Checkbox.Group options={ROLES.map((role) => ({ value: role, label: roleLabel(t, role) }))} data-testid="user-roles" />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('users.orgUnit')} rules={[{ required: true, message: t('users.rules.orgUnit') }]}>
          <OrgUnitSelect data-testid="user-unit" allowClear={false} />
        </Form.Item>
        {error !== null && <Alert type="error" showIcon role="alert" className="form-alert" title={describeError(t, error)} />}
        <Flex justify="flex-end" gap="small">
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="user-submit">
            {t('common.save')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
