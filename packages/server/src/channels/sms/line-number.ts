import { normalizePhone } from '@openline/core';

/**
 * One spelling for a published number, so the gateway's `to` finds its line however either side
 * writes it (+86 139…, 139 …, 0000-139…, 12345): a valid phone number as E.164, anything else
 * (short codes, service numbers) as its digits without a written-out +86 / 0086.
 */
export function lineNumberKey(number: string): string {
  const phone = normalizePhone(number);
  if (phone.ok) return phone.e164;
  const trimmed = number.trim();
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+86') || digits.startsWith('0086') ? digits.replace(/^(00)?86/, '') : digits;
}
