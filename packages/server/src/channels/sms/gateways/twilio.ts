import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../errors.js';
import { decodeUtf8Body } from '../../../plugins/text-input.js';
import type { InboundSms } from '../service.js';
import { neutralMessage } from './common.js';

export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';
/** An empty TwiML answer: the reply goes out later through the outbox, not in this response. */
export const TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** The POST parameters in the order they came (a name may repeat). */
export function formParams(raw: Buffer): Array<[string, string]> {
  return [...new URLSearchParams(decodeUtf8Body(raw)).entries()];
}

/**
 * Twilio's request signature: base64 HMAC-SHA1, keyed with the auth token, of the full URL
 * Twilio called (scheme, host, path, query) followed by every POST parameter sorted by name,
 * each as name then value with no separator. Repeated names are ordered by value, as Twilio's
 * own libraries do.
 */
export function twilioSignature(authToken: string, url: string, params: ReadonlyArray<readonly [string, string]>): string {
  const sorted = [...params].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const data = url + sorted.map(([name, value]) => name + value).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Refuses a request Twilio did not sign (constant-time comparison). */
export function verifyTwilioSignature(o: { authToken: string; url: string; params: ReadonlyArray<readonly [string, string]>; signature: string | undefined }): void {
  const given = Buffer.from(o.signature?.trim() ?? '', 'base64');
  const expected = Buffer.from(twilioSignature(o.authToken, o.url, o.params), 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError('SIGNATURE_INVALID', 'X-Twilio-Signature is missing or does not match');
  }
}

/** A signed Twilio messaging webhook in the neutral shape; MessageSid is Twilio's own unique id. */
export function twilioMessage(params: ReadonlyArray<readonly [string, string]>): InboundSms {
  const get = (name: string): string => params.find(([n]) => n === name)?.[1] ?? '';
  const sid = get('MessageSid') || get('SmsSid');
  if (!/^(SM|MM)[0-9a-fA-F]{32}$/.test(sid)) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'MessageSid', message: 'not a Twilio message sid' }]);
  }
  return neutralMessage({ messageId: `twilio:${sid}`, from: get('From'), to: get('To'), text: get('Body') }, '');
}
