import { NAME_LABELS, WEAK_NAME_LABELS, labelRegex, skipJoiner } from './labels.js';
import { FIELD_END, type Span } from './text.js';

/**
 * The sender's name. Labelled names (姓名：) are taken as written, even when the name is also a
 * word (高山, 江河); after weak labels (我是, 本人), a role (业主, 居民) or standing alone, a name
 * needs a known surname, since 我是业主 and 本人于去年 are not names.
 */
// The commonest single surnames (together well over 95 % of the population) and compound ones.
const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由洪阎萧钮竺郦濮寿扶冒',
);
const COMPOUND_SURNAMES = [
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '端木', '独孤', '南宫',
  '西门', '轩辕', '百里', '呼延', '申屠', '太史', '万俟', '闻人', '赫连', '澹台', '公冶', '宗政', '濮阳', '淳于', '单于', '钟离',
];
/** Words that end a name when written straight after it (我是张伟家住…, 王芳女今年…). */
const STOP_WORDS = [
  '家住', '住在', '住址', '现住', '居住', '家庭', '身份', '电话', '手机', '联系', '今年', '现年', '年龄', '反映', '投诉', '举报', '要求',
  '诉求', '请求', '希望', '地址', '户籍', '来自', '向您', '向你', '来反映', '来信', '来电', '特此', '敬上', '谨上', '性别',
];
const STOP_CHARS = new Set('是的在男女住今现向给就想因居年岁联地户请希投举我系与对从于身电手反要诉已也又并家');
/** Characters that essentially never occur in a given name but often in what follows 我是. */
const NOT_IN_NAME = new Set(
  '区市省县路街号楼室局委办府厅站镇乡村组幢址证码话机诉求映投举报望请的了们这那个被把让到去过吗呢吧啊您你我他她它业户司厂店铺院校病患宅',
);
const ROLE_BEFORE_NAME =
  /(?:业主|居民|村民|市民|职工|家长|租户|住户|房东|群众|患者|工人|员工|退伍军人|退休职工|退休教师|党员|农民工|老人|学生|大学生|护士|医生|教师|老师|司机|个体户)$/;

export interface NameFinding extends Span {
  name: string;
}

function surnameLength(token: string): number {
  if (COMPOUND_SURNAMES.some((s) => token.startsWith(s))) return 2;
  return SURNAMES.has(token[0] ?? '') ? 1 : 0;
}

/** Rare surnames that are far more often a word (区 in 居民区, 都 in 都是): weak evidence is not enough. */
const WORDLIKE_SURNAMES = new Set('区都但干於由那居位盘满花豆银危利呼揭门');

/** Reads a name starting at `from`; `needSurname` for weak evidence. */
export function readName(text: string, from: number, needSurname: boolean): NameFinding | null {
  const m = /^[\u3400-\u9fff][\u3400-\u9fff·•]{0,11}/u.exec(text.slice(from, from + 12));
  if (!m) return null;
  let token = m[0].replace('•', '·');
  if (!token.includes('·')) {
    for (let i = 1; i < token.length; i += 1) {
      const rest = token.slice(i);
      if (STOP_WORDS.some((w) => rest.startsWith(w)) || (i >= 2 && STOP_CHARS.has(token[i] ?? ''))) {
        token = token.slice(0, i);
        break;
      }
    }
    const surname = surnameLength(token);
    const max = surname === 2 ? 4 : 3;
    if (token.length > max) {
      // Longer than a name: accept only if the text after the name plausibly ends it.
      if (needSurname) return null;
      token = token.slice(0, max);
    }
    if (token.length < 2) return null;
    if (needSurname && (surname === 0 || WORDLIKE_SURNAMES.has(token[0] ?? ''))) return null;
    for (const ch of token.slice(Math.max(surname, 1))) if (NOT_IN_NAME.has(ch)) return null;
  } else {
    token = token.replace(/·+$/, '');
    if (token.length < 3) return null;
  }
  return { start: from, end: from + token.length, name: token };
}

function fromLabels(text: string, labels: readonly string[], weak: boolean): NameFinding | null {
  for (const m of text.matchAll(labelRegex(labels))) {
    const at = skipJoiner(text, m.index + m[0].length, weak ? '' : '是|为|叫');
    const found = readName(text, at, weak);
    if (found) return { ...found, start: m.index };
  }
  return null;
}

export function findName(text: string, taken: readonly Span[]): NameFinding | null {
  const free = (s: Span) => !taken.some((t) => t.start < s.end && s.start < t.end);
  const strong = fromLabels(text, NAME_LABELS, false);
  if (strong && free(strong)) return strong;
  const weak = fromLabels(text, WEAK_NAME_LABELS, true);
  if (weak && free(weak)) return weak;
  // 我是一名家长，叫施展 / 我姓雷，叫雷雨: 叫 opening a clause.
  for (const m of text.matchAll(/(?:^|[,，\s])叫/gu)) {
    const found = readName(text, m.index + m[0].length, true);
    if (found && free(found)) return found;
  }
  // 幸福小区业主张伟: a role word, then the name.
  for (let i = 2; i < text.length; i += 1) {
    if (!ROLE_BEFORE_NAME.test(text.slice(Math.max(0, i - 6), i))) continue;
    const found = readName(text, i, true);
    if (found && free(found) && endsClause(text, found.end)) return found;
  }
  // A bare name as its own clause, where senders put one: first (张伟，男，…) or next to another
  // personal field (… 黄小红 西城区光明巷8号 身份证…). A clause like 夏天臭 at the end of a
  // sentence is a surname-initial word, not a signature.
  const all = clauses(text);
  for (const [index, seg] of all.entries()) {
    if (index > 0 && !besideField(seg, all[index - 1], all[index + 1], taken)) continue;
    const bare = seg.text.replace(/^(?:此致|敬礼|落款|签名|—+|-+)\s*/u, '');
    const offset = seg.start + (seg.text.length - bare.length);
    const m = /^([\u3400-\u9fff·]{2,5})(?:\s*(?:敬上|谨上|叩首|上|留|男|女))?\s*$/u.exec(bare);
    if (!m || !m[1]) continue;
    const found = readName(text, offset, true);
    if (found && found.name === m[1] && free(found)) return found;
  }
  return null;
}

const FIELD_START = /^(?:身份证|证件|住址|家住|住在|地址|家庭|电话|手机|男|女|\d|[\u3400-\u9fff]{1,8}(?:省|市|区|县|镇|路|街|村|小区|花园|新村|苑)[\u3400-\u9fff\d])/u;

function besideField(
  seg: { text: string; start: number },
  prev: { text: string; start: number } | undefined,
  next: { text: string; start: number } | undefined,
  taken: readonly Span[],
): boolean {
  const touches = (c: { text: string; start: number } | undefined) =>
    c !== undefined && taken.some((t) => t.start < c.start + c.text.length && c.start < t.end);
  return touches(prev) || touches(next) || (next !== undefined && FIELD_START.test(next.text.trim()));
}

function endsClause(text: string, at: number): boolean {
  const next = text.slice(at, at + 2);
  return next.length === 0 || FIELD_END.test(next[0] ?? '') || next[0] === ' ' || STOP_WORDS.some((w) => text.startsWith(w, at)) || STOP_CHARS.has(next[0] ?? '');
}

export function clauses(text: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let start = 0;
  const re = /[,;。!?、\n:\s]/g;
  for (const m of text.matchAll(re)) {
    out.push({ text: text.slice(start, m.index), start });
    start = m.index + m[0].length;
  }
  out.push({ text: text.slice(start), start });
  return out.filter((c) => c.text.trim().length > 0);
}
