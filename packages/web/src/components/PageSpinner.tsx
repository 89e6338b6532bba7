import { Flex, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** Placeholder while a page's code or its first data is loading. */
export function PageSpinner({ fullscreen = false }: { fullscreen?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" justify="center" style={{ minHeight: fullscreen ? '100vh' : 240 }} role="status">
      <Spin description={t('common.loading')} />
    </Flex>
  );
}
