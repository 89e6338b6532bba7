import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { createOrgUnit, type OrgUnitKind } from '../modules/org/service.js';

/**
 * 示例市's organisation tree and the place names the appeal templates draw on. Streets and
 * residential compounds belong to a district, so a generated appeal about 和平里社区 is
 * dispatched to that district's units, never to another district's.
 */
export const CITY_GOVERNMENT = '示例市人民政府';
export const HOTLINE_CENTRE = '12345政务服务便民热线中心';

export const CITY_DEPARTMENTS = [
  '市住房和城乡建设局',
  '市城市管理局',
  '市生态环境局',
  '市交通运输局',
  '市教育局',
  '市人力资源和社会保障局',
  '市卫生健康委员会',
  '市市场监督管理局',
  '市公安局',
  '市信访局',
  '市民政局',
] as const;
export type CityDepartment = (typeof CITY_DEPARTMENTS)[number];

export const COMPANIES = ['示例市供水集团有限公司', '示例市热力有限公司', '示例市燃气有限公司'] as const;
export type Company = (typeof COMPANIES)[number];

/** Departments every district has; the key is what templates refer to. */
export const DISTRICT_DEPARTMENTS = { housing: '住房和城乡建设局', urban: '城市管理局' } as const;
export type DistrictDepartment = keyof typeof DISTRICT_DEPARTMENTS;

export interface StreetPlace {
  name: string;
  communities: readonly string[];
}

export interface DistrictPlace {
  name: string;
  /** Share of appeals: the old town is denser than the tech park, as in real cities. */
  weight: number;
  streets: readonly StreetPlace[];
  roads: readonly string[];
  schools: readonly string[];
}

export const DISTRICTS: readonly DistrictPlace[] = [
  {
    name: '东城区',
    weight: 45,
    streets: [
      { name: '和平街道', communities: ['和平里社区', '锦绣花园', '东湖新村', '纺织厂宿舍'] },
      { name: '建设街道', communities: ['建设新村', '阳光小区', '幸福家园'] },
      { name: '新华街道', communities: ['新华里', '翠竹园', '老粮站家属院'] },
    ],
    roads: ['解放路', '人民路', '建设大街', '东环路', '胜利街'],
    schools: ['东城区实验小学', '和平路小学', '东城区第二中学'],
  },
  {
    name: '西湖区',
    weight: 30,
    streets: [
      { name: '湖滨街道', communities: ['湖滨花园', '柳岸社区', '荷塘小区'] },
      { name: '北山街道', communities: ['北山新苑', '松林社区', '云栖家园'] },
      { name: '翠苑街道', communities: ['翠苑一区', '翠苑三区', '文华小区'] },
    ],
    roads: ['湖滨路', '文一路', '北山路', '天目山路'],
    schools: ['西湖区求是小学', '翠苑第一小学', '西湖区文华中学'],
  },
  {
    name: '高新区',
    weight: 25,
    streets: [
      { name: '科技园街道', communities: ['科创公寓', '软件园人才社区', '智谷花园'] },
      { name: '创业街道', communities: ['创业新城', '金桥小区', '未来城'] },
      { name: '青枫街道', communities: ['青枫苑', '枫林湾', '滨江一号'] },
    ],
    roads: ['科技大道', '创新路', '青枫路', '高新二路'],
    schools: ['高新区第一小学', '青枫实验学校'],
  },
];

/**
 * What residents call the units in a text message (issue 11 §1): nobody writes
 * 市人力资源和社会保障局, they write 人社局. The SMS petition line matches these.
 */
export const UNIT_ALIASES: Readonly<Record<string, readonly string[]>> = {
  [CITY_GOVERNMENT]: ['市政府', '示例市政府'],
  [HOTLINE_CENTRE]: ['12345热线', '12345'],
  市住房和城乡建设局: ['住建局', '市住建局', '住房城乡建设局', '建委'],
  市城市管理局: ['城管局', '市城管局', '城管'],
  市生态环境局: ['环保局', '市环保局', '生态环境局'],
  市交通运输局: ['交通局', '市交通局', '交通运输局'],
  市教育局: ['教育局'],
  市人力资源和社会保障局: ['人社局', '市人社局', '人力社保局', '劳动局'],
  市卫生健康委员会: ['卫健委', '市卫健委', '卫生局'],
  市市场监督管理局: ['市场监管局', '市监局', '工商局'],
  市公安局: ['公安局'],
  市信访局: ['信访局', '信访办'],
  市民政局: ['民政局'],
  示例市供水集团有限公司: ['自来水公司', '供水公司', '水务集团'],
  示例市热力有限公司: ['热力公司', '供暖公司'],
  示例市燃气有限公司: ['燃气公司', '煤气公司'],
};

function aliasesOf(name: string, district?: DistrictPlace): readonly string[] {
  if (UNIT_ALIASES[name]) return UNIT_ALIASES[name];
  if (!district) return [];
  const short = district.name.replace(/区$/, '');
  if (name === district.name) return [short, `${short}区政府`, `${district.name}政府`];
  if (name === districtDepartmentName(district, 'housing')) return [`${district.name}住建局`, `${short}住建局`];
  if (name === districtDepartmentName(district, 'urban')) return [`${district.name}城管局`, `${short}城管`];
  // 和平街道 → 和平街道办, 和平街道办事处
  if (name.endsWith('街道')) return [`${name}办`, `${name}办事处`];
  return [];
}

/** Unit names are unique in the demo, so the generator refers to units by name. */
export interface DemoOrg {
  cityId: string;
  centreId: string;
  unitIdByName: ReadonlyMap<string, string>;
}

export async function createDemoOrg(trx: Transaction<DB>, jurisdictionId: string): Promise<DemoOrg> {
  const unitIdByName = new Map<string, string>();
  let sortOrder = 0;
  const add = async (name: string, kind: OrgUnitKind, parentId: string | null, district?: DistrictPlace): Promise<string> => {
    const { id } = await createOrgUnit(trx, { jurisdictionId, parentId, name, kind, sortOrder: sortOrder++, aliases: aliasesOf(name, district) });
    unitIdByName.set(name, id);
    return id;
  };

  const cityId = await add(CITY_GOVERNMENT, 'city', null);
  const centreId = await add(HOTLINE_CENTRE, 'centre', cityId);
  for (const name of CITY_DEPARTMENTS) await add(name, 'department', cityId);
  for (const name of COMPANIES) await add(name, 'company', cityId);
  for (const district of DISTRICTS) {
    const districtId = await add(district.name, 'district', cityId, district);
    for (const dept of Object.values(DISTRICT_DEPARTMENTS)) await add(`${district.name}${dept}`, 'department', districtId, district);
    for (const street of district.streets) await add(street.name, 'street', districtId, district);
  }
  return { cityId, centreId, unitIdByName };
}

export function districtDepartmentName(district: DistrictPlace, dept: DistrictDepartment): string {
  return `${district.name}${DISTRICT_DEPARTMENTS[dept]}`;
}
