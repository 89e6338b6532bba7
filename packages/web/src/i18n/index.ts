import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { ConfigProviderProps } from 'antd';
// The ES build of the locale: `antd/locale/*` is CommonJS and would drag in duplicate CJS copies.
import antdZhCN from 'antd/es/locale/zh_CN';
import { zhCN, type Messages } from './zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

type AntdLocale = NonNullable<ConfigProviderProps['locale']>;
interface LanguageBundle {
  messages: Messages;
  antd: AntdLocale;
}

const STORAGE_KEY = 'openline.language';

// Chinese is bundled with the entry because nearly every visitor uses it; English loads on demand.
const loaders: Record<Language, () => Promise<LanguageBundle>> = {
  'zh-CN': () => Promise.resolve({ messages: zhCN, antd: antdZhCN }),
  en: async () => {
    const [{ en }, antd] = await Promise.all([import('./en'), import('antd/es/locale/en_US')]);
    return { messages: en, antd: antd.default };
  },
};

const antdLocales = new Map<Language, AntdLocale>([['zh-CN', antdZhCN]]);

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function antdLocaleFor(language: Language): AntdLocale {
  return antdLocales.get(language) ?? antdZhCN;
}

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    // Storage can be disabled (privacy modes, embedded webviews); the default language still works.
    return DEFAULT_LANGUAGE;
  }
}

function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisting is acceptable: the choice still holds for this visit.
  }
  document.documentElement.lang = language;
}

async function loadBundle(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation') && antdLocales.has(language)) return;
  const bundle = await loaders[language]();
  i18n.addResourceBundle(language, 'translation', bundle.messages, true, true);
  antdLocales.set(language, bundle.antd);
}

/** Must finish before the first render so no screen ever flashes untranslated keys. */
export async function initI18n(): Promise<void> {
  const language = readStoredLanguage();
  await i18n.use(initReactI18next).init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    resources: { [DEFAULT_LANGUAGE]: { translation: zhCN } },
    partialBundledLanguages: true,
    // React escapes output already; escaping twice would show &amp; to citizens.
    interpolation: { escapeValue: false },
  });
  try {
    await loadBundle(language);
    document.documentElement.lang = language;
  } catch {
    // The English chunk failed to download (flaky network): Chinese is bundled and always works.
    await i18n.changeLanguage(DEFAULT_LANGUAGE);
  }
}

export async function switchLanguage(language: Language): Promise<void> {
  await loadBundle(language);
  await i18n.changeLanguage(language);
  rememberLanguage(language);
}

export { i18n };
