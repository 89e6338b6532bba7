import type { TFunction } from 'i18next';
import { normalizeIdNumber, normalizePhone, staffIntakeInput } from '@openline/core';

/*
 * Field checks from the schema the server applies to intake (core's staffIntakeInput), worded
 * like the public form's: the operator reads the same sentences the citizen would.
 */

export type IntakeTextField = 'callerPhone' | 'callerName' | 'callerIdNumber' | 'content' | 'address';

const { shape } = staffIntakeInput;

export const INTAKE_LIMITS = {
  callerName: shape.callerName.unwrap().maxLength ?? undefined,
  content: shape.content.maxLength ?? undefined,
  address: shape.address.unwrap().maxLength ?? undefined,
};

/**
 * The message to show for `value`, or null when the field is valid. `idNumberRequired` is set
 * when the call came in on an SMS-only line, which must record the ID number (DESIGN §1).
 */
export function checkIntakeField(t: TFunction, field: IntakeTextField, raw: unknown, idNumberRequired = false): string | null {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (field === 'callerIdNumber') {
    if (!value) return idNumberRequired ? t('intake.idNumberRequired') : null;
    return normalizeIdNumber(value) ? null : t('intake.idNumberInvalid');
  }
  if (field === 'callerPhone') {
    if (!value) return t('appeal.rules.phoneRequired');
    return normalizePhone(value).ok ? null : t('appeal.rules.phoneInvalid');
  }
  if (field === 'content') {
    const result = shape.content.safeParse(value);
    if (result.success) return null;
    const issue = result.error.issues[0];
    if (issue?.code === 'too_big') return t('appeal.rules.contentTooLong', { max: Number(issue.maximum) });
    return t('appeal.rules.contentTooShort', { min: shape.content.minLength ?? 1 });
  }
  // Name and address are optional: only their length can be wrong.
  if (!value) return null;
  const max = INTAKE_LIMITS[field];
  if (max !== undefined && value.length > max) {
    return t(field === 'callerName' ? 'appeal.rules.nameTooLong' : 'appeal.rules.addressTooLong', { max });
  }
  return null;
}

/** Maps a server detail path ("callerPhone", "body.callerPhone", …) to a form field. */
export function intakeFieldOfPath(path: string | (string | number)[]): string | null {
  const segments = Array.isArray(path) ? path.map(String) : path.split(/[./]/);
  const known = new Set(Object.keys(shape));
  return segments.findLast((segment) => known.has(segment)) ?? null;
}
