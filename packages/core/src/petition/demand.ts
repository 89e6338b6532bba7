import { DEMAND_LABELS, labelRegex } from './labels.js';
import { hanCount, type Span } from './text.js';

/**
 * The demand: what the sender asks for and why. It is what is left of the message once the
 * other fields, their labels, greetings and sign-offs are taken out, so a demand introduced by
 * 诉求/要求/反映/希望 and one that is just the remaining sentence are read the same way, and a
 * unit complained about inside it stays in it. Fewer than four Han characters is no demand.
 */
const GREETINGS = /(?:尊敬的)?(?:[\u3400-\u9fff]{0,4}(?:领导|局长|主任|书记|市长|区长|同志|工作人员|负责人)|各位)?(?:您好|你好|好)[!,。]?|此致|敬礼|谢谢[您你]?(?:们)?|麻烦了|辛苦了|特此反映|特此|敬上|谨上/gu;
const FIELD_WORDS =
  /(?:信访人|本人姓名|姓名|名字|我叫|我是|本人|家庭住址|家庭地址|居住地址|现住址|住址|家住在|家住|住在|地址|公民身份号码|身份证号码|身份证号|身份证|证件号码|证件号|联系电话|电话|手机号|手机|信访单位|反映单位|投诉单位|单位|性别|男|女|(?:今年|现年)?\d{1,3}岁)\s*(?::|是|为)?/gu;
const LEADING_DEMAND_LABEL = new RegExp(`^(?:${labelRegex(DEMAND_LABELS).source.slice(3, -1)})(?:内容|事项)?\\s*:\\s*`, 'u');

export function findDemand(text: string, taken: readonly Span[]): string | null {
  // Blank out the other fields, keeping positions (labels of the fields go with them).
  const chars = [...text];
  const ordered = [...taken].sort((a, b) => a.start - b.start);
  let flat = '';
  let i = 0;
  for (const t of ordered) {
    if (t.start > i) flat += text.slice(i, t.start);
    flat += '\n';
    i = Math.max(i, t.end);
  }
  if (i < chars.length || i < text.length) flat += text.slice(i);
  const pieces = flat
    .replace(GREETINGS, '\n')
    .split(/[\n;。!?]+/u)
    .flatMap((sentence) => {
      const parts = sentence.split(',').map((p) => p.replace(FIELD_WORDS, '').trim());
      return [parts.filter((p) => hanCount(p) >= 2 || /\d/.test(p) && hanCount(p) >= 1).join(',')];
    })
    .map((p) => p.replace(/^[\s,、:]+|[\s,、:]+$/gu, '').replace(LEADING_DEMAND_LABEL, ''))
    .filter((p) => hanCount(p) >= 2);
  const demand = pieces.join('。');
  return hanCount(demand) >= 4 ? demand : null;
}
