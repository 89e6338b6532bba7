import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../components/ButtonLink';
import { PageTitle } from '../components/PageTitle';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <main className="centered-page">
      <PageTitle title={t('notFound.title')} />
      <Result
        status="404"
        title={t('notFound.title')}
        subTitle={t('notFound.subtitle')}
        extra={
          <ButtonLink type="primary" to="/">
            {t('common.backHome')}
          </ButtonLink>
        }
      />
    </main>
  );
}
