import { timingSafeEqual, createHash } from 'node:crypto';
import type { BlockList } from 'node:net';
import { isIP } from 'node:net';
import { normalizePhone } from '@openline/core';
import type { FastifyInstance } from 'fastify';
import type { LineCodeMap } from '../../../config-sms-gateways.js';
import type { PiiCipher } from '../../../crypto/pii.js';
import { AppError, type ErrorBody } from '../../../errors.js';
import type { AppContext } from '../../../lib/app-context.js';
import { assertStorableText } from '../../../plugins/text-input.js';
import { lineNumberKey } from '../line-number.js';
import { listLines } from '../repository.js';
import { inboundSmsInput, type InboundSms } from '../service.js';

/**
 * The idempotency key of a message whose provider gives no id of its own (Aliyun's sequence_id
 * is not documented unique; Tencent sends none). The fields include the sender's number, so the
 * key is the data key's blind index of them (crypto/pii.ts), not a plain hash anyone could
 * reverse by trying every phone number; it stays the same across restarts and processes.
 */
export function gatewayMessageId(pii: PiiCipher, provider: string, fields: ReadonlyArray<string>): string {
  return `${provider}:${pii.blindIndex(JSON.stringify([provider, ...fields]))}`;
}

/** An unconfigured provider's path: 503, so the provider keeps the message and retries later. */
export const gatewayDisabled = (provider: string): AppError => new AppError('SMS_CHANNEL_DISABLED', `The ${provider} SMS push is not configured`);

/**
 * Which published number a provider's destination code reaches: the configured mapping, else
 * the `*` line, else the code itself (a deployment whose codes are the full numbers needs no map).
 */
export function lineForCode(map: LineCodeMap, code: string, path: string): string {
  const number = map.codes[code] ?? map.fallback ?? code;
  if (number.length === 0) throw new AppError('UNKNOWN_LINE', 'No line is configured for an empty destination code', [{ path, message: 'unknown line' }]);
  return number;
}

/**
 * The push formats without a signature (Aliyun, Tencent) are authenticated by a long random
 * token in their path, known only to us and the provider's console, and optionally by the
 * source address. Both compared so that a caller learns nothing from the time taken.
 */
export function checkPushSource(o: { expected: string; given: string; ip: string; allowed: BlockList | undefined }): void {
  const a = createHash('sha256').update(o.expected).digest();
  const b = createHash('sha256').update(o.given).digest();
  if (!timingSafeEqual(a, b)) throw new AppError('SIGNATURE_INVALID', 'The push token in the path does not match');
  if (o.allowed) {
    const family = isIP(o.ip);
    const ok = family !== 0 && o.allowed.check(o.ip, family === 6 ? 'ipv6' : 'ipv4');
    if (!ok) throw new AppError('SOURCE_NOT_ALLOWED', 'This address may not push SMS to this path');
  }
}

/**
 * A provider message in our neutral shape, held to the neutral endpoint's rules (lengths, a
 * text both databases can store), so every adapter refuses what the neutral endpoint refuses.
 */
export function neutralMessage(candidate: InboundSms, path: string): InboundSms {
  const parsed = inboundSmsInput.safeParse(candidate);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: [path, ...i.path.map(String)].filter((p) => p.length > 0).join('.'), message: i.message }));
    throw new AppError('VALIDATION_FAILED', 'The request is not valid', details);
  }
  assertStorableText(parsed.data, path);
  return parsed.data;
}

/** One message of a delivery: translated, or refused with the reason (and where in the body). */
export type GatewayItem = { message: InboundSms; path: string } | { error: AppError; path: string };

/** Translates one message of a delivery, keeping a refusal as a value so the rest of the batch still counts. */
export function translate(path: string, build: () => InboundSms): GatewayItem {
  try {
    return { message: build(), path };
  } catch (error) {
    if (error instanceof AppError) return { error, path };
    throw error;
  }
}

/** A message no retry can make takeable: a sender number that is none, or no line behind the destination. */
export async function findUntakeable(ctx: AppContext, items: ReadonlyArray<GatewayItem>): Promise<GatewayItem[]> {
  const known = new Set((await listLines(ctx.db)).map((l) => lineNumberKey(l.number)));
  return items.map((item) => {
    if ('error' in item) return item;
    const { message, path } = item;
    const at = (field: string) => (path ? `${path}.${field}` : field);
    if (!normalizePhone(message.from).ok) return { error: new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: at('from'), message: 'invalid phone number' }]), path };
    if (!known.has(lineNumberKey(message.to))) {
      return { error: new AppError('UNKNOWN_LINE', 'No published line has this number (check the destination code mapping)', [{ path: at('to'), message: 'unknown line' }]), path };
    }
    return item;
  });
}

/**
 * The refusal of a delivery some of whose messages could not be taken: the first problem's code
 * (and so status), every problem's details, and how many of the others were taken.
 */
export function refusalOf(problems: ReadonlyArray<AppError>, taken: number): AppError {
  const first = problems[0] ?? new AppError('BAD_REQUEST', 'Nothing to take');
  const message = taken > 0 ? `${first.message} (${problems.length} message(s) refused; the other ${taken} were taken)` : first.message;
  return new AppError(first.code, message, problems.flatMap((p) => p.details ?? []));
}

/**
 * Refusals in the provider's own answer shape, with our stable error beside it: the provider
 * reads its fields (and retries on anything but success), people and logs read `error.code`.
 * Rewritten after serialisation so the shared error handler stays the one place errors are made.
 */
export function answerErrorsAs(scope: FastifyInstance, wrap: (status: number, error: ErrorBody['error']) => Record<string, unknown>): void {
  scope.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode < 400 || typeof payload !== 'string') return payload;
    try {
      const body = JSON.parse(payload) as Partial<ErrorBody>;
      if (!body.error || typeof body.error.code !== 'string') return payload;
      return JSON.stringify({ ...wrap(reply.statusCode, body.error), error: body.error });
    } catch {
      return payload;
    }
  });
}
