import { z } from 'zod';
import { parseW3cDateTime } from './dates.js';

/**
 * What a category asks a reporter beyond the description (GeoReport v2 "service definition"
 * attributes): a question, its answer's type, and for lists the choices. Stored per category
 * (migration 0036); a category without any answers `metadata: false`.
 */
export const OPEN311_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type Open311Datatype = (typeof OPEN311_DATATYPES)[number];

const LIST_TYPES: ReadonlySet<Open311Datatype> = new Set(['singlevaluelist', 'multivaluelist']);

export const attributeValueSchema = z.object({
  key: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(100),
});

export const attributeDefinitionSchema = z
  .object({
    /** Stable: clients send answers as `attribute[code]`. */
    code: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, _ and -, starting with a letter'),
    /** The question shown to the reporter. */
    description: z.string().trim().min(1).max(200),
    datatype: z.enum(OPEN311_DATATYPES),
    required: z.boolean(),
    datatypeDescription: z.string().trim().max(200).nullable().default(null),
    values: z.array(attributeValueSchema).max(50).default([]),
  })
  .superRefine((a, issue) => {
    if (LIST_TYPES.has(a.datatype) && a.values.length === 0) issue.addIssue({ code: 'custom', path: ['values'], message: 'a list needs at least one value' });
    if (!LIST_TYPES.has(a.datatype) && a.values.length > 0) issue.addIssue({ code: 'custom', path: ['values'], message: 'only lists have values' });
    if (new Set(a.values.map((v) => v.key)).size !== a.values.length) issue.addIssue({ code: 'custom', path: ['values'], message: 'value keys must differ' });
  });
export type AttributeDefinition = z.infer<typeof attributeDefinitionSchema>;

export const attributeListSchema = z
  .array(attributeDefinitionSchema)
  .max(20)
  .refine((list) => new Set(list.map((a) => a.code)).size === list.length, { message: 'attribute codes must differ' });

/** One answer as it arrives: a single value, or several (`attribute[code][]=a&attribute[code][]=b`). */
export type AttributeInput = string | readonly string[];

/**
 * The `attribute[code]` fields of a form-encoded request (or an `attribute` object in JSON),
 * by code. Anything else is not an attribute.
 */
export function collectAttributeInput(body: Readonly<Record<string, unknown>>): Record<string, AttributeInput> {
  const out: Record<string, AttributeInput> = {};
  const put = (code: string, value: unknown): void => {
    if (typeof value === 'string') out[code] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out[code] = value;
  };
  for (const [key, value] of Object.entries(body)) {
    const code = /^attribute\[([^\]]{1,40})\]$/.exec(key)?.[1];
    if (code !== undefined) put(code, value);
  }
  const nested = body.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) for (const [code, value] of Object.entries(nested)) put(code, value);
  return out;
}

export interface AttributeAnswer {
  code: string;
  /** The question, kept with the answer so the case reads on its own after the definition changes. */
  question: string;
  /** Keys for lists, the text otherwise. */
  values: string[];
  /** What staff read: the list names, or the text. */
  display: string;
}

export type AttributeCheck = { ok: true; answers: AttributeAnswer[] } | { ok: false; errors: Array<{ code: string; message: string }> };

const MAX_TEXT = { string: 200, text: 2000 } as const;

/**
 * Checks answers against a category's definitions: required ones present, numbers numeric,
 * date-times W3C, list answers among the keys (one for a single-value list). Answers to codes
 * the category does not define are ignored, not refused: a client such as FixMyStreet sends
 * extra fields of its own as attributes, and refusing them would stop its reports altogether.
 */
export function checkAttributeAnswers(definitions: readonly AttributeDefinition[], input: Readonly<Record<string, AttributeInput>>): AttributeCheck {
  const errors: Array<{ code: string; message: string }> = [];
  const answers: AttributeAnswer[] = [];
  for (const def of definitions) {
    const raw = input[def.code];
    const values = (raw === undefined ? [] : typeof raw === 'string' ? [raw] : [...raw]).map((v) => v.trim()).filter((v) => v !== '');
    if (values.length === 0) {
      if (def.required) errors.push({ code: def.code, message: `attribute[${def.code}] is required` });
      continue;
    }
    const problem = valueProblem(def, values);
    if (problem) {
      errors.push({ code: def.code, message: `attribute[${def.code}] ${problem}` });
      continue;
    }
    const names = LIST_TYPES.has(def.datatype) ? values.map((v) => def.values.find((c) => c.key === v)?.name ?? v) : values;
    answers.push({ code: def.code, question: def.description, values, display: names.join('、') });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}

function valueProblem(def: AttributeDefinition, values: readonly string[]): string | null {
  switch (def.datatype) {
    case 'singlevaluelist':
    case 'multivaluelist': {
      if (def.datatype === 'singlevaluelist' && values.length > 1) return 'takes one value';
      const keys = new Set(def.values.map((v) => v.key));
      return values.every((v) => keys.has(v)) ? null : `must be one of ${[...keys].join(', ')}`;
    }
    case 'number':
      return values.length === 1 && /^-?\d+(\.\d+)?$/.test(values[0] ?? '') && values[0]!.length <= 30 ? null : 'must be a number';
    case 'datetime':
      return values.length === 1 && parseW3cDateTime(values[0] ?? '') ? null : 'must be a W3C date-time';
    case 'string':
    case 'text':
      if (values.length > 1) return 'takes one value';
      return (values[0] ?? '').length <= MAX_TEXT[def.datatype] ? null : `is longer than ${MAX_TEXT[def.datatype]} characters`;
  }
}
