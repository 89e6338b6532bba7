import { PETITION_FIELDS, type ParsedPetition, type PetitionField, type PetitionInvalidReason } from './types.js';

/**
 * Combine a pending petition with a follow-up message's parse: later valid values fill gaps; a
 * later valid ID replaces an earlier invalid one (its invalid entry goes). A value already held
 * is kept: a follow-up answers what was asked for, and the sender's first statement of a field
 * is not overwritten by a stray mention in a later message. For a field still missing, the
 * latest complaint about it is kept (the sender may have retyped the ID and got it wrong again).
 */
export function mergePetitionParts(earlier: ParsedPetition, later: ParsedPetition): ParsedPetition {
  const merged: ParsedPetition = {
    unit: earlier.unit ?? later.unit,
    name: earlier.name ?? later.name,
    address: earlier.address ?? later.address,
    idNumber: earlier.idNumber ?? later.idNumber,
    demand: earlier.demand ?? later.demand,
    invalid: [],
  };
  for (const field of PETITION_FIELDS) {
    if (merged[field] !== null) continue;
    const entry = later.invalid.find((e) => e.field === field) ?? earlier.invalid.find((e) => e.field === field);
    if (entry) merged.invalid.push({ field, reason: entry.reason });
  }
  return merged;
}

/** Fields still null, in the order unit, name, address, idNumber, demand. */
export function missingPetitionFields(p: ParsedPetition): PetitionField[] {
  return PETITION_FIELDS.filter((f) => p[f] === null);
}

export const PETITION_FIELD_LABELS_ZH: Record<PetitionField, string> = {
  unit: '反映单位',
  name: '姓名',
  address: '家庭住址',
  idNumber: '身份证号码',
  demand: '诉求内容',
};

export const PETITION_INVALID_REASONS_ZH: Record<PetitionInvalidReason, string> = {
  checksum: '校验位不正确',
  format: '位数或格式不正确',
  birthdate: '出生日期不正确',
};

/**
 * zh-CN reply naming exactly what is missing or wrong, e.g. "请补充：身份证号码（校验位不正确）、家庭住址".
 * Wrong fields come first (the sender thinks they gave them), then missing ones in field order.
 * Empty when nothing is missing.
 */
export function petitionMissingReply(p: ParsedPetition): string {
  const missing = missingPetitionFields(p);
  if (missing.length === 0) return '';
  const wrong = missing.filter((f) => p.invalid.some((e) => e.field === f));
  const absent = missing.filter((f) => !wrong.includes(f));
  const items = [
    ...wrong.map((f) => {
      const reason = p.invalid.find((e) => e.field === f)?.reason;
      return `${PETITION_FIELD_LABELS_ZH[f]}（${reason ? PETITION_INVALID_REASONS_ZH[reason] : ''}）`;
    }),
    ...absent.map((f) => PETITION_FIELD_LABELS_ZH[f]),
  ];
  return `请补充：${items.join('、')}`;
}
