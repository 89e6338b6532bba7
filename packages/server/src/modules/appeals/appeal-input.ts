import { normalizePhone, type PublicAppealInput } from '@openline/core';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';

/** The public form's text fields and their limits after trimming: core's `publicAppealInput`, read by hand. */
const TEXT_LIMITS = [
  ['name', 1, 50],
  ['content', 5, 4000],
] as const;
const ADDRESS_MAX = 200;

/**
 * The body the public form sends (name, phone, content, and optionally address and
 * confirmNotEmergency, all within their limits) read to exactly what core's zod schema makes of
 * it, without zod (the pattern of ADR 0058): the accept path of a surge spends its CPU per request,
 * and the schema's parse was a few microseconds of it (issue 13 §1, ADR 0067). Anything else (a
 * chosen category, a wrong type, a field out of bounds, a phone E.164 refuses) answers null and
 * goes through zod, which reads it or words the refusal, so every 400 keeps its words and codes.
 * `appeal-input.test.ts` holds the two together.
 */
export function readPublicAppeal(body: unknown): PublicAppealInput | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  const out: Partial<PublicAppealInput> = {};
  for (const [key, min, max] of TEXT_LIMITS) {
    const value = b[key];
    if (typeof value !== 'string') return null;
    const trimmed = value.trim();
    if (trimmed.length < min || trimmed.length > max) return null;
    out[key] = trimmed;
  }
  const { phone, address, confirmNotEmergency, categoryId } = b;
  if (typeof phone !== 'string') return null;
  const trimmedPhone = phone.trim();
  if (!normalizePhone(trimmedPhone).ok) return null;
  out.phone = trimmedPhone;
  if (address !== undefined) {
    if (typeof address !== 'string') return null;
    const trimmed = address.trim();
    if (trimmed.length > ADDRESS_MAX) return null;
    out.address = trimmed;
  }
  if (confirmNotEmergency !== undefined) {
    if (typeof confirmNotEmergency !== 'boolean') return null;
    out.confirmNotEmergency = confirmNotEmergency;
  }
  // A chosen category is rare on a surge: zod checks its UUID form.
  if (categoryId !== undefined) return null;
  return out as PublicAppealInput;
}

/** What Fastify hands a route's compilers; the schema is the route's zod schema for that part or status. */
interface CompiledPart {
  schema: unknown;
  method: string;
  url: string;
  httpPart?: string;
  httpStatus?: string;
}

/** The route's body validation: the common body read by hand, anything else by zod as before. */
export function publicAppealValidator(route: CompiledPart): (data: unknown) => { value: unknown } | { error: Error } {
  const zod = validatorCompiler(route as Parameters<typeof validatorCompiler>[0]);
  return (data) => {
    const read = readPublicAppeal(data);
    return read ? { value: read } : (zod(data) as { value: unknown } | { error: Error });
  };
}

/**
 * The 201 answer is `{outcome, trackingCode}` built by the handler itself, typed: stringified as
 * is (checking it against the schema again cost about a microsecond per appeal). Refusals keep
 * zod's serialiser, which shapes them to the documented error body.
 */
export function publicAppealSerializer(route: CompiledPart): (data: unknown) => string {
  return route.httpStatus === '201' ? (data) => JSON.stringify(data) : serializerCompiler(route as Parameters<typeof serializerCompiler>[0]);
}
