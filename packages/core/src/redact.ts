import { normalizeIdNumber } from './id-number.js';
import { maskAddress, maskName, maskPhone } from './mask.js';
import { normalizePhone } from './phone.js';

/**
 * Personal data inside free text. Citizens write their phone and ID numbers into appeals, and
 * SMS-only lines require name, address and ID number in the message itself (DESIGN §1), so the
 * text is personal data too. The server stores it sealed and keeps this redacted copy for lists,
 * search and training. Detection favours precision: a number is redacted only when it is a real
 * ID (checksum and birth date) or a dialable mainland number, so case numbers, amounts and
 * dates stay readable.
 */
export const PERSONAL_DATA_KINDS = ['id_number', 'phone', 'name', 'address'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export interface RedactedText {
  redacted: string;
  /** Kinds found, each once, in PERSONAL_DATA_KINDS order. */
  found: PersonalDataKind[];
}

export interface RedactOptions {
  /** The text came in on an SMS-only line, where the sender states name and address in it. */
  smsOnlyLine?: boolean | undefined;
}

const ID_CANDIDATE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
// Mobiles 3-4-4 with optional spaces or dashes, and an optional +86 / 0086 / 86 prefix.
const MOBILE_CANDIDATE = /(?<![\d+])(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g;
// Landlines with their area code: 010-12345678, (0571)87654321, 0755 8765 4321, +86 10 12345678.
const LANDLINE_CANDIDATE =
  /(?<![\d+])(?:(?:(?:\+|00)86[\s-]?(?:\(0?\d{2,3}\)|\d{2,3}))|\(0\d{2,3}\)|0\d{2,3})[\s-]?\d{3,4}[\s-]?\d{4}(?!\d)/g;

// A label, an optional 是/为/colon, then the value up to the next delimiter.
const DELIMITER = '[，,。．.;；！!？?、\\s/|（）()]';
// Names: up to 6 Han characters (over-redacting 张三身份证 beats leaking), or a Latin name.
const NAME_STATED = /(本人姓名|姓名|名字|我叫|本人叫)(?:\s*[:：]\s*|是|为|叫)?\s*([\u3400-\u9fff·]{1,6}|[A-Za-z][A-Za-z .'-]{0,39}[A-Za-z])/g;
const ADDRESS_STATED = new RegExp(
  `(家庭住址|居住地址|联系地址|现住址|住址|家住|地址)(?:\\s*[:：]\\s*|是|为|在)?\\s*((?:(?!${DELIMITER}).){2,60})`,
  'g',
);

export function redactPersonalData(text: string, options: RedactOptions = {}): RedactedText {
  const found = new Set<PersonalDataKind>();
  let out = text.replace(ID_CANDIDATE, (m) => {
    const id = normalizeIdNumber(m);
    if (!id) return m;
    found.add('id_number');
    return maskIdInText(id);
  });
  const phone = (m: string): string => {
    if (!normalizePhone(m).ok) return m;
    found.add('phone');
    return maskPhone(m.replace(/\(0?/, '0').replace(/\)/, ''));
  };
  out = out.replace(MOBILE_CANDIDATE, phone).replace(LANDLINE_CANDIDATE, phone);
  if (options.smsOnlyLine) {
    out = out.replace(NAME_STATED, (_m, label: string, name: string) => {
      found.add('name');
      return `${label}${_m.slice(label.length, _m.length - name.length)}${maskName(name)}`;
    });
    out = out.replace(ADDRESS_STATED, (_m, label: string, address: string) => {
      found.add('address');
      return `${label}${_m.slice(label.length, _m.length - address.length)}${maskAddress(address)}`;
    });
  }
  return { redacted: out, found: PERSONAL_DATA_KINDS.filter((k) => found.has(k)) };
}

/** 110101199003076416 → 110101********6416: the region stays (it says where, not who). */
function maskIdInText(id: string): string {
  return `${id.slice(0, 6)}${'*'.repeat(8)}${id.slice(-4)}`;
}
