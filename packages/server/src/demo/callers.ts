import { normalizePhone } from '@openline/core';
import type { DemoRandom } from './random.js';

/**
 * Fictional callers. Names are common surname + given-name combinations; mobile numbers are
 * random numbers on real carrier prefixes, kept only if libphonenumber accepts them, so they
 * pass the same validation as a number typed into the public form.
 */
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN_NAMES = [
  '伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟',
  '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华', '志强', '海燕', '玉兰', '晓东', '文博', '子涵',
];
const MOBILE_PREFIXES = ['138', '139', '137', '136', '135', '150', '151', '152', '158', '159', '182', '187', '188', '130', '131', '132', '155', '156', '185', '186', '133', '153', '180', '181', '189', '177', '199'];

export interface DemoCaller {
  name?: string;
  /** E.164. */
  phone: string;
  address?: string;
}

export function randomName(random: DemoRandom): string {
  return `${random.pick(SURNAMES)}${random.pick(GIVEN_NAMES)}`;
}

export function randomMobile(random: DemoRandom): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    const digits = `${random.pick(MOBILE_PREFIXES)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
    const parsed = normalizePhone(digits);
    if (parsed.ok) return parsed.e164;
  }
  // Only reachable if libphonenumber's metadata stopped accepting these prefixes.
  throw new Error('demo: no valid mobile number generated; check MOBILE_PREFIXES');
}

/** A home address inside the case's own compound, as a caller would give it. */
export function randomAddress(random: DemoRandom, place: { district: string; street: string; community: string }): string {
  return `${place.district}${place.street}${place.community}${random.int(1, 24)}栋${random.int(1, 4)}单元${random.int(1, 18)}0${random.int(1, 4)}室`;
}
