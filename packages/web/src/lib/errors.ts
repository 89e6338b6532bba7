import type { TFunction } from 'i18next';
import { ApiError, type ErrorDetail } from '../api/client';
import { zhCN } from '../i18n/zh-CN';

// Keys of the errors table that are not API codes themselves.
const NOT_CODES = new Set(['generic', 'TOO_MANY_ATTEMPTS_WAIT', 'TOO_MANY_REQUESTS_WAIT']);
type KnownCode = Exclude<keyof typeof zhCN.errors, 'generic' | 'TOO_MANY_ATTEMPTS_WAIT' | 'TOO_MANY_REQUESTS_WAIT'>;

function isKnownCode(code: string): code is KnownCode {
  return Object.hasOwn(zhCN.errors, code) && !NOT_CODES.has(code);
}

/**
 * A sentence for the user: our translation when we know the code, otherwise the server's own
 * message (already human-readable), otherwise the HTTP status.
 */
export function describeError(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.INTERNAL_ERROR');
  if ((error.code === 'TOO_MANY_ATTEMPTS' || error.code === 'TOO_MANY_REQUESTS') && error.retryAfterSeconds !== null && error.retryAfterSeconds > 0) {
    return t(`errors.${error.code}_WAIT`, { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) });
  }
  if (error.code === 'EXPORT_TOO_LARGE') {
    const detail = (name: string): string => error.details.find((d) => d.path === name)?.message ?? '?';
    return t('errors.EXPORT_TOO_LARGE', { matched: detail('matched'), limit: detail('limit') });
  }
  if (isKnownCode(error.code)) return t(`errors.${error.code}`);
  if (error.status >= 500) return t('errors.INTERNAL_ERROR');
  return error.message || t('errors.generic', { status: error.status });
}

const MEASURED = ['string', 'number', 'array'] as const;
type Measured = (typeof MEASURED)[number];
const isMeasured = (origin: string | undefined): origin is Measured => (MEASURED as readonly string[]).includes(origin ?? '');

/**
 * What is wrong with one field, in the user's language. The server's detail messages are English
 * (for developers); its issue code and limit say the same thing in a form a screen can translate.
 * An issue this build cannot name gets a plain "not valid" rather than the English sentence.
 */
export function describeDetail(t: TFunction, detail: ErrorDetail, code?: string): string {
  const { issue, limit, origin } = detail;
  if ((issue === 'too_small' || issue === 'too_big') && limit !== undefined && isMeasured(origin)) {
    return t(`fieldError.${issue}_${origin}`, { limit });
  }
  if (issue === 'invalid_format' || issue === 'invalid_type' || issue === 'invalid_value') return t(`fieldError.${issue}`);
  if (code === 'REFERENCE_NOT_FOUND') return t('fieldError.reference');
  return t('fieldError.other');
}
