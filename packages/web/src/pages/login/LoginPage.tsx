import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Divider, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { Panel } from '../../components/Panel';
import { describeError } from '../../lib/errors';
import { homePath } from '../../lib/home';
import { safeNextPath } from '../../lib/redirect';
import { useCheckedSession } from '../../session/context';

interface LoginValues {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { state, signIn } = useCheckedSession();
  // Without a page to return to, each role starts on its own work (a handler on the queue).
  const next = (roles: readonly string[]) => safeNextPath(params.get('next'), homePath(roles));
  const signingIn = useMutation({
    mutationFn: ({ username, password }: LoginValues) => signIn(username.trim(), password),
    onSuccess: (user) => navigate(next(user.roles), { replace: true }),
  });
  // Still "submitting" after success, until the navigation lands: the redirect below must not race it.
  const submitting = signingIn.isPending || signingIn.isSuccess;
  const error = signingIn.error ? describeError(t, signingIn.error) : null;

  // Someone already signed in (a second tab, a bookmark) goes straight on.
  if (state.status === 'signed-in' && !submitting) return <Navigate to={next(state.user.roles)} replace />;

  const onFinish = (values: LoginValues) => signingIn.mutate(values);

  return (
    <Panel title={t('login.title')} className="login-panel">
      <PageTitle title={t('login.title')} />
      <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>

      {state.status === 'signed-out' && state.reason === 'expired' && !error && (
        <Alert type="info" showIcon className="form-alert" title={t('errors.UNAUTHENTICATED')} />
      )}
      {error && (
        <Alert type="error" showIcon role="alert" className="form-alert" title={<span data-testid="login-error">{error}</span>} />
      )}

      <Form<LoginValues> layout="vertical" onFinish={onFinish} disabled={submitting} requiredMark={false}>
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
        >
          <Input data-testid="login-username" autoComplete="username" autoFocus size="large" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password data-testid="login-password" autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>

      <Divider plain>{t('login.publicLinks')}</Divider>
      <Space separator={<Divider orientation="vertical" />} wrap className="login-links">
        <Link to="/lines">{t('nav.publicLines')}</Link>
        <Link to="/appeal">{t('nav.publicAppeal')}</Link>
        <Link to="/track">{t('nav.publicTrack')}</Link>
      </Space>
    </Panel>
  );
}
