import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { switchLanguage, type Language } from '../i18n';

/**
 * One button that flips between the two languages. Its text is the target language written in
 * that language ("English" / "中文"), which is what someone who cannot read the current one looks for.
 */
export function LanguageSwitch({ plain = false }: { plain?: boolean }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const target: Language = i18n.language === 'en' ? 'zh-CN' : 'en';

  const onClick = () => {
    setBusy(true);
    switchLanguage(target)
      // If the English chunk cannot be fetched the page simply stays in its current language.
      .catch(() => undefined)
      .finally(() => setBusy(false));
  };

  return (
    <Button
      data-testid="lang-switch"
      type={plain ? 'text' : 'default'}
      size="small"
      loading={busy}
      onClick={onClick}
      title={t('language.switchLabel')}
    >
      {/* `lang` makes screen readers pronounce "English" / "中文" in that language. */}
      <span lang={target}>{t('language.switchTo')}</span>
    </Button>
  );
}
