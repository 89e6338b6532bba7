import type { ActionInput, ActionType } from '@openline/core';
import type { Messages } from '../../i18n/zh-CN';

/*
 * The form behind each action button: which body fields it asks for, how, and with which label.
 * Names are the API's body fields (they also make the test ids `action-field-<name>`);
 * `fields.test.ts` checks every form against core's ACTION_SCHEMAS, so a form can neither miss
 * a required field nor send one the server would drop.
 */

/** Core's MAX_EXTENSION_WORKING_DAYS, repeated so the form does not pull in core's zod schemas (fields.test.ts compares). */
export const MAX_EXTENSION_DAYS = 30;

export type FieldKind =
  | 'textarea'
  | 'unit'
  | 'units'
  | 'workingDays'
  | 'contactMethod'
  | 'solved'
  | 'satisfaction'
  | 'parentCase';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  label: keyof Messages['field'];
  required?: boolean;
}

const note = (label: FieldSpec['label'], required = false): FieldSpec => ({ name: 'note', kind: 'textarea', label, required });
const reason = (label: FieldSpec['label'], required = true): FieldSpec => ({ name: 'reason', kind: 'textarea', label, required });
const text = (label: FieldSpec['label']): FieldSpec => ({ name: 'text', kind: 'textarea', label, required: true });
const assignment: FieldSpec[] = [
  { name: 'leadUnitId', kind: 'unit', label: 'leadUnit', required: true },
  { name: 'coUnitIds', kind: 'units', label: 'coUnits' },
];

export const ACTION_FIELDS: { readonly [A in ActionType]: readonly FieldSpec[] } = {
  triage: [note('note')],
  answer_directly: [text('answerText')],
  dispatch: [...assignment, note('dispatchNote')],
  accept: [note('note')],
  return: [reason('returnReason'), { name: 'suggestedUnitId', kind: 'unit', label: 'suggestedUnit' }],
  contact: [note('contactNote', true), { name: 'method', kind: 'contactMethod', label: 'contactMethod' }],
  progress: [note('progressNote', true)],
  extension_request: [{ name: 'workingDays', kind: 'workingDays', label: 'workingDays', required: true }, reason('extensionReason')],
  extension_approve: [{ name: 'workingDays', kind: 'workingDays', label: 'grantedDays' }, note('note')],
  extension_reject: [reason('rejectReason', false)],
  reply: [text('replyText')],
  visit: [
    { name: 'solved', kind: 'solved', label: 'solved', required: true },
    { name: 'satisfaction', kind: 'satisfaction', label: 'satisfaction', required: true },
    { name: 'comment', kind: 'textarea', label: 'visitComment' },
  ],
  // Optional in the form: the server asks for it only when closing without a visit, and its
  // REASON_REQUIRED answer is shown on this field.
  close: [reason('closeReason', false)],
  reopen: [reason('reopenReason')],
  merge: [{ name: 'parentId', kind: 'parentCase', label: 'parentCase', required: true }],
  invalidate: [reason('invalidReason')],
  restore: [reason('restoreReason')],
  arbitrate: [...assignment, note('arbitrationNote', true)],
  redispatch: [...assignment, reason('redispatchReason')],
};

/** The form's values by field name, as antd's Form holds them. */
export type ActionValues = Record<string, unknown>;

/**
 * The request body from the form's values: text trimmed, empty optional fields left out (the
 * server would refuse an empty string where it expects text or nothing).
 */
export function buildActionBody<A extends ActionType>(action: A, values: ActionValues): ActionInput<A> {
  const body: Record<string, unknown> = {};
  for (const field of ACTION_FIELDS[action]) {
    const raw = values[field.name];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    body[field.name] = value;
  }
  // The server validates the body against the same schema (see fields.test.ts).
  return body as ActionInput<A>;
}

/** Maps a server detail path ("reason", "body.reason", ["body", "reason"]) to a field of the form. */
export function fieldOfDetail(action: ActionType, path: string | (string | number)[]): string | null {
  const segments = Array.isArray(path) ? path.map(String) : path.split(/[./]/);
  const names = new Set(ACTION_FIELDS[action].map((field) => field.name));
  return segments.findLast((segment) => names.has(segment)) ?? null;
}
