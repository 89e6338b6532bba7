import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, type ThemeConfig } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { createQueryClient } from './api/queryClient';
import { antdLocaleFor, DEFAULT_LANGUAGE, isLanguage } from './i18n';
import { router } from './routes';
import { SessionProvider } from './session/SessionProvider';

const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1557b0',
    // WCAG AA (4.5:1 on white) for the figures officials are held to and the text beside them:
    // antd's default red (#ff4d4f, 3.3:1) drew a cold line's rate, and its grey (0.45 black, 3.4:1)
    // the calls behind it and every label. Red 7 is 5.6:1; 0.6 black is 5.7:1.
    colorError: '#cf1322',
    colorTextSecondary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    borderRadius: 6,
    // Latin fonts first, then the Chinese system fonts by name so Windows does not fall back to
    // SimSun: Chinese characters fall through to those, while Latin text stays Latin. With a CJK
    // font first, Linux (Noto CJK) drew English in it, with full-width quotes ("Official’ s desk").
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Helvetica Neue', Arial, 'Liberation Sans', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
  },
};

export function App() {
  // Re-renders on language change, which switches antd's own texts (pagination, empty states).
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
  // One client per mounted app (not per module), so tests that mount the app twice share nothing.
  const [queryClient] = useState(createQueryClient);
  return (
    // No space forced between two Chinese characters on buttons: "签收", as 12345 staff write it, not "签 收".
    <ConfigProvider locale={antdLocaleFor(language)} theme={theme} button={{ autoInsertSpace: false }}>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </QueryClientProvider>
    </ConfigProvider>
  );
}
