import { DEMAND_LABELS, labelRegex } from './labels.js';
import { hanCount, type Span } from './text.js';

/**
 * The demand: what the sender asks for and why. It is what is left of the message once the
 * other fields, their labels, greetings and sign-offs are taken out, so a demand introduced by
 * 诉求/要求/反映/希望 and one that is just the remaining sentence are read the same way, and a
 * unit complained about inside it stays in it. Fewer than four Han characters is no demand.
 */
const GREETINGS =
  /(?:尊敬的)?(?:(?:各位)?(?:领导|局长|主任|书记|市长|区长|同志|工作人员|负责人)(?:们)?(?:您好|你好|好)?|您好|你好|你们好)[!,。]?|此致|敬礼|谢谢[您你]?(?:们)?|麻烦了|辛苦了|特此反映|特此|敬上|谨上/gu;
const FIELD_WORDS =
  /(?:信访人|本人姓名|姓名|名字|我叫|我是|本人|家庭住址|家庭地址|居住地址|现住址|住址|家住在|家住|住在|地址|公民身份号码|身份证号码|身份证号|身份证|证件号码|证件号|联系电话|电话|手机号|手机|信访单位|反映单位|投诉单位|单位|性别|男|女|(?:今年|现年)?\d{1,3}岁)\s*(?::|是|为)?/gu;
/**
 * What a follow-up says about itself (补充一下, 刚才打错了, 应该是) and bare announcements
 * (我要投诉): not a demand, and a follow-up with only these words must not fill the demand.
 */
const CHATTER =
  /不好意思|对不起|抱歉|(?:刚才|上次|之前)?(?:的)?(?:信息|短信)?(?:补充|更正)(?:一下)?|(?:刚才|上次)|(?:打|发|写|输)错了?|忘了说|漏了|应该是|是这个|(?:反映的?|投诉的?)是|我的|(?:我)?(?:要|想)(?:向[您你]们?)?(?:投诉|反映|举报)(?:一下|个问题|问题)?/gu;
const LEADING_DEMAND_LABEL = new RegExp(`^(?:${labelRegex(DEMAND_LABELS).source.slice(3, -1)})(?:内容|事项)?\\s*:\\s*`, 'u');
/** 反映/投诉/举报 opening the demand only introduce it (希望, 要求 say what is asked, so they stay). */
const LEADING_VERB = /^(?:反映|投诉|举报)(?:一下)?(?=[\u3400-\u9fff\d])/u;

export function findDemand(text: string, taken: readonly Span[]): string | null {
  // Blank out the other fields (labels of the fields go with them).
  let flat = '';
  let at = 0;
  for (const t of [...taken].sort((a, b) => a.start - b.start)) {
    if (t.start > at) flat += text.slice(at, t.start);
    flat += '\n';
    at = Math.max(at, t.end);
  }
  flat += text.slice(at);
  const sentences = flat
    .replace(GREETINGS, '\n')
    .split(/[\n;。!?]+/u)
    .map((sentence) =>
      sentence
        .split(',')
        .map((clause) => clause.replace(FIELD_WORDS, '').replace(/^[\s、:]+|[\s、:]+$/gu, ''))
        // A clause counts when something is left once follow-up chatter is set aside; it is kept whole.
        .filter((clause) => hanCount(clause.replace(CHATTER, '')) >= 2)
        .join(',')
        .replace(LEADING_DEMAND_LABEL, '')
        .replace(LEADING_VERB, ''),
    )
    .filter((sentence) => hanCount(sentence) >= 2);
  const demand = sentences.join('。');
  return hanCount(demand.replace(CHATTER, '')) >= 4 ? demand : null;
}
