/**
 * Masking rules for personal data shown on screens. Masked values reveal just enough for
 * staff to recognise a caller on the phone ("the number ending 5678") and nothing more.
 */

/** 13812345678 → 138****5678; +8613812345678 → 138****5678; short numbers keep the last 2. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const withCountry = phone.trim().startsWith('+86') || (digits.startsWith('86') && digits.length === 13);
  const national = withCountry ? digits.slice(2) : digits;
  if (national.length >= 7) {
    return `${national.slice(0, 3)}****${national.slice(-4)}`;
  }
  if (national.length <= 2) return '*'.repeat(national.length);
  return `${'*'.repeat(national.length - 2)}${national.slice(-2)}`;
}

/** 张三 → 张*; 欧阳娜娜 → 欧***; John Smith → J*********. Keeps the first character only. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

/** Keeps the first 6 characters (district and street level) and hides the house details. */
export function maskAddress(address: string): string {
  const chars = Array.from(address.trim());
  if (chars.length <= 6) return `${chars.slice(0, Math.ceil(chars.length / 2)).join('')}****`;
  return `${chars.slice(0, 6).join('')}****`;
}

/** 18-character resident ID: keeps the region prefix and the check digit. */
export function maskIdNumber(id: string): string {
  const chars = Array.from(id.trim());
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 4)}${chars.slice(-1).join('')}`;
}
