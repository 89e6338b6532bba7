import type { TemplateMap } from '../../../config-sms-gateways.js';

/**
 * Chinese providers send only approved templates under an approved signature (签名), and put
 * the signature in 【】 in front of the text themselves. Our outbox bodies carry their own
 * 【…】 (the log and webhook providers show them as sent), so for those providers it is taken
 * off: a second, unapproved signature in the text is refused by the carriers.
 */
export function withoutLeadingSign(body: string): string {
  return body.replace(/^\s*【[^】]{1,30}】\s*/, '');
}

/** The provider's template for one of our message templates; undefined: not configured (the message fails, it is never sent unapproved). */
export function templateFor(map: TemplateMap, template: string): string | undefined {
  return map.codes[template] ?? map.fallback;
}

/** Mainland numbers as the Chinese providers want them: 11 digits, no +86; others with their country code, no +. */
export function chinaStylePhone(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164.replace(/^\+/, '');
}
