import 'i18next';
import type { Messages } from './zh-CN';

// Typed keys: a misspelt key in t('…') fails the typecheck instead of showing the raw key.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
