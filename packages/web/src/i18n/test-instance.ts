import i18next, { type TFunction } from 'i18next';
import { zhCN } from './zh-CN';

/** A private i18next instance with the real Chinese messages, for unit tests of code that takes `t`. */
export async function chineseT(): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: 'zh-CN',
    resources: { 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false },
  });
  return instance.t;
}
