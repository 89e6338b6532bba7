import { normalizePhone } from '../phone.js';

/**
 * One spelling for a published number, so a phone system's `to` (or an SMS gateway's) finds its
 * line however either side writes it. A valid phone number becomes E.164 (`010-12345678` and
 * `+86 10 1234 5678` agree). Anything else (short codes such as 12345, service numbers, and the
 * demo's made-up `0000-…` area code) becomes its digits without a written-out +86 / 0086 and
 * without leading zeros: `0000-88001234`, `000088001234`, `+86 0000 88001234` and
 * `+86 000 88001234` (the trunk 0 dropped, as E.164 writes it) are all `88001234`. Dropping the
 * zeros also lets a PBX that sends the local number without its area code find the line; lines
 * are matched within one jurisdiction, where they share an area code.
 */
export function lineNumberKey(number: string): string {
  const phone = normalizePhone(number);
  if (phone.ok) return phone.e164;
  const trimmed = number.trim();
  const digits = trimmed.replace(/\D/g, '');
  const national = trimmed.startsWith('+86') || digits.startsWith('0086') ? digits.replace(/^(00)?86/, '') : digits;
  return national.replace(/^0+/, '');
}
