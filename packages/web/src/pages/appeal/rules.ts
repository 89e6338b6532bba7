import type { TFunction } from 'i18next';
import { normalizePhone, publicAppealInput } from '@openline/core';

/*
 * Field checks come from the same schema the server applies (core's publicAppealInput), so
 * the form cannot accept what the API will reject, or the other way round. Only the wording
 * is ours: zod's messages are English and written for developers.
 */

export type AppealField = 'name' | 'phone' | 'content' | 'address';

const { shape } = publicAppealInput;

export const APPEAL_LIMITS = {
  name: shape.name.maxLength ?? undefined,
  content: shape.content.maxLength ?? undefined,
  address: shape.address.unwrap().maxLength ?? undefined,
};

/** The message to show for `value`, or null when the field is valid. */
export function checkAppealField(t: TFunction, field: AppealField, raw: unknown): string | null {
  const value = typeof raw === 'string' ? raw : '';
  const blank = value.trim().length === 0;

  if (field === 'phone') {
    if (blank) return t('appeal.rules.phoneRequired');
    return normalizePhone(value).ok ? null : t('appeal.rules.phoneInvalid');
  }
  if (field === 'name' && blank) return t('appeal.rules.nameRequired');
  if (field === 'address' && blank) return null;

  const result = shape[field].safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0];
  if (issue?.code === 'too_small') {
    return field === 'content' ? t('appeal.rules.contentTooShort', { min: Number(issue.minimum) }) : t('appeal.rules.nameRequired');
  }
  if (issue?.code === 'too_big') {
    const max = Number(issue.maximum);
    if (field === 'name') return t('appeal.rules.nameTooLong', { max });
    if (field === 'content') return t('appeal.rules.contentTooLong', { max });
    return t('appeal.rules.addressTooLong', { max });
  }
  // A rule added to the schema that this form does not know yet: fall back to zod's text.
  return issue?.message ?? t('errors.VALIDATION_FAILED');
}

/** Maps a server detail path ("phone", "body.phone", ["body", "phone"]) to a form field. */
export function fieldOfPath(path: string | (string | number)[]): AppealField | null {
  const segments = Array.isArray(path) ? path.map(String) : path.split(/[./]/);
  const last = segments.at(-1);
  return last === 'name' || last === 'phone' || last === 'content' || last === 'address' ? last : null;
}
