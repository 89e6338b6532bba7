import type { Span } from './text.js';

/**
 * The words senders put before a field. Longest first, so 家庭住址 wins over 住址. A field's
 * value runs from the end of its label to the next label of another field or the end of the clause.
 */
export const ID_LABELS = ['公民身份号码', '身份证号码', '身份证号', '身份证件号', '身份号码', '证件号码', '证件号', '身份证', '身份号', 'ID号', 'ID'];

/** Numbers that are not an ID number even when they have 18 digits. */
export const OTHER_NUMBER_LABELS = [
  '联系电话', '联系方式', '手机号码', '手机号', '电话号码', '手机', '电话', '座机', '银行卡号', '银行卡', '银行账号',
  '卡号', '账号', '账户', '工号', '编号', '单号', '订单号', '合同号', '户号', '学号', '社保卡号', '医保卡号', '车牌号', '发票号',
];

export const NAME_LABELS = [
  '信访人姓名', '本人姓名', '投诉人姓名', '反映人姓名', '信访人', '反映人', '投诉人', '举报人', '联系人', '来信人', '申请人', '求助人',
  '姓名', '名字', '署名',
];
/** Weaker: 我是 is followed by a role as often as by a name, so a surname is required after it. */
export const WEAK_NAME_LABELS = ['我的名字叫', '我的名字是', '我名叫', '我叫', '我是', '本人叫', '本人是', '本人'];

export const ADDRESS_LABELS = [
  '家庭住址', '家庭地址', '现居住地址', '居住地址', '现住址', '常住地址', '户籍地址', '联系地址', '通讯地址', '现居住地', '现居住在', '居住在', '现住在',
  '家住在', '家住', '住址', '现住', '住在', '家在', '现居', '地址',
];
/** Where the problem is, labelled: its value is part of the demand, never the home address. */
export const PROBLEM_PLACE_LABELS = ['事发地址', '事发地点', '问题地址', '问题地点', '发生地点', '发生地址', '施工地址', '具体位置', '地点', '位置'];

/** 地址 after these words is where the problem is, not where the sender lives. */
export const PROBLEM_PLACE_PREFIX = /(?:事发|问题|施工|工地|店铺|门店|商铺|发生|项目|工作|单位|公司|企业|工厂|位置|现场)$/;

export const DEMAND_LABELS = [
  '诉求内容', '信访事项', '信访请求', '请求事项', '反映事项', '反映问题', '反映内容', '投诉内容', '主要问题', '具体诉求', '我的诉求', '诉求',
  '事由', '要求', '请求', '恳请', '希望', '反映', '投诉', '举报', '建议',
];

export const UNIT_LABELS = ['信访单位', '反映单位', '投诉单位', '受理单位', '被反映单位', '被投诉单位', '责任单位', '单位名称', '单位'];
/** 单位 after these is where the sender works or lives, not the unit petitioned. */
export const NOT_UNIT_PREFIX = /(?:工作|所在|原|退休|就职|上班|用人|施工|物业|开发)$/;

/** Labels of other things senders add; they end a field value too. */
export const OTHER_LABELS = ['性别', '年龄', '民族', '出生日期', '出生年月', '籍贯', '工作单位', '邮箱'];

export interface LabelHit extends Span {
  label: string;
  field: 'unit' | 'name' | 'address' | 'idNumber' | 'demand' | 'other' | 'number';
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One alternation, longest label first, matching only label words (never inside a longer label). */
export function labelRegex(labels: readonly string[]): RegExp {
  const sorted = [...labels].sort((a, b) => b.length - a.length).map(escape);
  return new RegExp(`(?:${sorted.join('|')})`, 'gu');
}

const STRONG: Array<[LabelHit['field'], readonly string[]]> = [
  ['idNumber', ID_LABELS],
  ['number', OTHER_NUMBER_LABELS],
  ['name', NAME_LABELS],
  ['address', ADDRESS_LABELS],
  ['unit', UNIT_LABELS],
  ['other', OTHER_LABELS],
];

/**
 * Labels that end a field value: any field label, followed by a colon or standing where a label
 * stands. Demand words are included only with a colon (要求 is also an ordinary verb).
 */
export function findBoundaryLabels(text: string): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const [field, labels] of STRONG) {
    for (const m of text.matchAll(labelRegex(labels))) {
      hits.push({ start: m.index, end: m.index + m[0].length, label: m[0], field });
    }
  }
  for (const m of text.matchAll(new RegExp(`${labelRegex(DEMAND_LABELS).source}(?=\\s*:)`, 'gu'))) {
    hits.push({ start: m.index, end: m.index + m[0].length, label: m[0], field: 'demand' });
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  // Drop labels inside a longer one (住址 inside 家庭住址, 手机 inside 手机号).
  const out: LabelHit[] = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    if (last && h.start < last.end) continue;
    out.push(h);
  }
  return out;
}

/** The text after a label: skips the joining colon, 是/为/叫 and spaces. */
export function skipJoiner(text: string, from: number, words = '是|为'): number {
  const m = new RegExp(`^\\s*(?::|${words})?\\s*:?\\s*`, 'u').exec(text.slice(from, from + 20));
  return from + (m ? m[0].length : 0);
}
