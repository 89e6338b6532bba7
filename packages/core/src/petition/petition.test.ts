import { describe, expect, it } from 'vitest';
import { idCheckCharacter } from '../id-number.js';
import {
  mergePetitionParts,
  missingPetitionFields,
  normalizePetitionText,
  parsePetitionMessage,
  petitionMissingReply,
  unitMatchScore,
  type ParsedPetition,
  type PetitionUnitCandidate,
} from './index.js';

const UNITS: PetitionUnitCandidate[] = [
  { id: 'housing', name: '市住房和城乡建设局', aliases: [] },
  { id: 'urban', name: '市城市管理局', aliases: ['城管委'] },
  { id: 'env', name: '市生态环境局', aliases: [] },
  { id: 'health', name: '市卫生健康委员会', aliases: [] },
  { id: 'district-housing', name: '东城区住房和城乡建设局', aliases: [] },
  { id: 'street', name: '和平街道办事处', aliases: [] },
  { id: 'gas', name: '示例市燃气有限公司', aliases: [] },
];
const valid = (first17: string) => first17 + idCheckCharacter(first17);
const ID = valid('32010619850312123');
const ID_X = '11010519491231002X'; // the GB 11643 worked example
const parse = (text: string) => parsePetitionMessage(text, UNITS);
const empty: ParsedPetition = { unit: null, name: null, address: null, idNumber: null, demand: null, invalid: [] };

describe('normalisation', () => {
  it('turns full-width digits and punctuation into ASCII, keeps Han and line breaks', () => {
    expect(normalizePetitionText('姓名：张三，身份证１２３\r\n住址　幸福路')).toBe('姓名:张三,身份证123\n住址 幸福路');
  });
  it('drops zero-width characters pasted from chat apps', () => {
    expect(normalizePetitionText('张\u200b三')).toBe('张三');
  });
});

describe('ID numbers in a message', () => {
  it('finds a number broken into groups by spaces or a line break, with a lower-case x', () => {
    expect(parse(`身份证 110105 19491231 002x`).idNumber).toBe(ID_X);
    expect(parse(`身份证号：1101 0519 4912 3100 2X`).idNumber).toBe(ID_X);
    expect(parse(`身份证号：110105194\n91231002X`).idNumber).toBe(ID_X);
    expect(parse(`身份证：１１０１０５１９４９１２３１００２Ｘ`).idNumber).toBe(ID_X);
  });
  it('reports a labelled number with a wrong check character, date or length', () => {
    expect(parse('身份证110105194912310021').invalid).toEqual([{ field: 'idNumber', reason: 'checksum' }]);
    const feb30 = '11010519490230002';
    expect(parse(`身份证号${feb30}${idCheckCharacter(feb30)}`).invalid).toEqual([{ field: 'idNumber', reason: 'birthdate' }]);
    expect(parse('身份证号3201061985031212').invalid).toEqual([{ field: 'idNumber', reason: 'format' }]);
    expect(parse('身份证110105194912310021').idNumber).toBeNull();
  });
  it('accepts the 15-digit legacy number', () => {
    expect(parse('老身份证号110102560312153').idNumber).toBe('110102560312153');
  });
  it('never takes a phone number or a bank card number for the ID number', () => {
    const p = parse('电话13812345678，银行卡6222021234567890123，身份证' + ID);
    expect(p.idNumber).toBe(ID);
    // An 18-digit card number that happens to pass the checksum is still a card number.
    expect(parse(`银行卡号${ID}被盗刷`).idNumber).toBeNull();
    expect(parse(`银行卡号${ID}被盗刷`).invalid).toEqual([]);
    expect(parse('手机 138 1234 5678').invalid).toEqual([]);
  });
  it('reports an unlabelled 18-digit number as mistyped only when it looks like an ID number', () => {
    expect(parse('我的号码110105194912310021').invalid).toEqual([{ field: 'idNumber', reason: 'checksum' }]);
    // No province starts with 99, and no birth year with 00: an order number, not an ID.
    expect(parse('订单990105000012310021没发货').invalid).toEqual([]);
    expect(parse('编号990105000012310021').idNumber).toBeNull();
  });
  it('keeps a valid number over an earlier mistyped one in the same message', () => {
    expect(parse(`身份证110105194912310021打错了，是${ID_X}`).idNumber).toBe(ID_X);
  });
});

describe('the unit petitioned', () => {
  it('matches a full name, an alias and a short form', () => {
    expect(parse('市住房和城乡建设局：电梯坏了').unit).toEqual({ id: 'housing', matched: '市住房和城乡建设局' });
    expect(parse('城管委：占道经营').unit).toEqual({ id: 'urban', matched: '城管委' });
    expect(parse('市住建局：电梯坏了').unit).toEqual({ id: 'housing', matched: '市住建局' });
    expect(parse('向市卫健委反映').unit?.id).toBe('health');
    expect(parse('和平街道你好').unit?.id).toBe('street');
    expect(parse('燃气公司：漏气').unit?.id).toBe('gas');
    expect(parse('东城区住建局：漏水').unit?.id).toBe('district-housing');
  });
  it('scores short forms by the characters they keep, and rejects other kinds', () => {
    expect(unitMatchScore('市住建局', '市住房和城乡建设局')).toBeGreaterThan(0);
    expect(unitMatchScore('市城管局', '市城市管理局')).toBeGreaterThan(unitMatchScore('市城管局', '市住房和城乡建设局'));
    expect(unitMatchScore('住建部门', '市住房和城乡建设局')).toBe(0);
    expect(unitMatchScore('市局', '市住房和城乡建设局')).toBe(0);
  });
  it('takes the addressee over a unit named inside the demand', () => {
    expect(parse('市生态环境局：饭店油烟大，市城管局来看过没处理').unit?.id).toBe('env');
    expect(parse('我反映市住建局不作为，向市生态环境局投诉').unit?.id).toBe('env');
    expect(parse('信访单位：市城市管理局 诉求：找过市住建局没人管').unit?.id).toBe('urban');
  });
  it('does not take the sender’s workplace for the unit petitioned', () => {
    expect(parse('工作单位：市住房和城乡建设局\n信访单位：市生态环境局').unit?.id).toBe('env');
  });
  it('keeps the unit in the demand when it is what the demand is about', () => {
    const p = parse(`市生态环境局：我是张伟，家住幸福路12号3栋，身份证${ID}，反映市城管局拆了我家棚子没有补偿。`);
    expect(p.demand).toContain('市城管局');
    expect(p.demand).not.toContain('市生态环境局');
  });
});

describe('the sender’s name', () => {
  it('reads labelled and introduced names, cut before what follows', () => {
    expect(parse('姓名：李秀英\n住址…').name).toBe('李秀英');
    expect(parse('我叫王建国住址东城区').name).toBe('王建国');
    expect(parse('我是张伟家住幸福路').name).toBe('张伟');
    expect(parse('本人欧阳明月，身份证').name).toBe('欧阳明月');
    expect(parse('信访人姓名：阿依古丽·买买提，身份证').name).toBe('阿依古丽·买买提');
    expect(parse('幸福小区业主张伟，反映').name).toBe('张伟');
    expect(parse('黄小红 西城区光明巷8号').name).toBe('黄小红');
  });
  it('takes a labelled name that is also a word', () => {
    expect(parse('姓名：高山，住址：长江路1号').name).toBe('高山');
  });
  it('does not take a role, a place or a date for a name', () => {
    expect(parse('我是业主，反映物业乱收费').name).toBeNull();
    expect(parse('我是阳光小区的居民').name).toBeNull();
    expect(parse('本人于去年购买了房子').name).toBeNull();
    expect(parse('我们村离居民区太近，夏天臭').name).toBeNull();
  });
});

describe('the home address', () => {
  it('prefers the labelled home address to the place of the problem', () => {
    const p = parse('建设大街18号工地夜里施工到两点。我是沈冰，住址东城区建设新村8栋602');
    expect(p.address).toBe('东城区建设新村8栋602');
    expect(p.demand).toContain('建设大街18号工地');
  });
  it('does not read 事发地址 as home', () => {
    expect(parse('事发地址：工业园路16号\n家庭住址：东湖路45号东湖雅苑2栋').address).toBe('东湖路45号东湖雅苑2栋');
    expect(parse('事发地址：工业园路16号').address).toBeNull();
  });
  it('ends at the next field, keeping spaced building parts', () => {
    expect(parse('家住高新区科技路9号 反映楼盘延期交房').address).toBe('高新区科技路9号');
    expect(parse('住址：阳光小区 8栋 302 身份证').address).toBe('阳光小区 8栋 302');
  });
  it('takes an unlabelled piece that is only an address, and the compound of 我是…业主', () => {
    expect(parse('市住建局 刘洋 东城区胜利街33号4单元 电梯坏了').address).toBe('东城区胜利街33号4单元');
    expect(parse('我是锦绣花园业主陆远').address).toBe('锦绣花园');
  });
  it('does not read 住 in a unit name as lives at', () => {
    expect(parse('市住房和城乡建设局：电梯坏了').address).toBeNull();
    expect(parse('住建设新村6栋').address).toBe('建设新村6栋');
  });
});

describe('the demand', () => {
  it('is what remains once the fields, greetings and sign-offs are out', () => {
    const p = parse(`市住建局领导好！我是张伟，家住东城区解放路12号3栋，身份证${ID}，反映小区电梯长期停运，要求尽快维修。谢谢！`);
    expect(p.demand).toBe('小区电梯长期停运,要求尽快维修');
  });
  it('drops a label with a colon but keeps the words of an unlabelled demand', () => {
    expect(parse('诉求：楼下烧烤摊油烟扰民').demand).toBe('楼下烧烤摊油烟扰民');
    expect(parse('希望加装电梯，老楼住的都是老人').demand).toBe('希望加装电梯,老楼住的都是老人');
  });
  it('is not a follow-up’s chatter or a bare announcement', () => {
    expect(parse(`不好意思刚才身份证号打错了，应该是${ID}`).demand).toBeNull();
    expect(parse('你好，我要投诉').demand).toBeNull();
    expect(parse('住址补充：东城区建设大街102号').demand).toBeNull();
  });
  it('leaves phone and card numbers out', () => {
    expect(parse('失业金没到账，电话13912345678，卡号6222021234567890123').demand).toBe('失业金没到账');
  });
});

describe('merging follow-ups', () => {
  const first = parse(`市住建局：我是张伟，身份证110105194912310021，反映电梯坏了`);
  it('fills gaps from the follow-up and keeps what was already given', () => {
    const merged = mergePetitionParts(first, parse('家住东城区锦绣花园7栋902，我叫李四'));
    expect(merged.address).toBe('东城区锦绣花园7栋902');
    expect(merged.name).toBe('张伟');
    expect(merged.unit?.id).toBe('housing');
  });
  it('lets a later valid ID replace an invalid one, and its invalid entry goes', () => {
    expect(first.invalid).toEqual([{ field: 'idNumber', reason: 'checksum' }]);
    const merged = mergePetitionParts(first, parse(`身份证号${ID_X}`));
    expect(merged.idNumber).toBe(ID_X);
    expect(merged.invalid).toEqual([]);
  });
  it('keeps the latest complaint while the ID is still wrong', () => {
    const feb30 = '11010519490230002';
    const merged = mergePetitionParts(first, parse(`身份证号${feb30}${idCheckCharacter(feb30)}`));
    expect(merged.invalid).toEqual([{ field: 'idNumber', reason: 'birthdate' }]);
  });
  it('does not let a later ID replace a valid one', () => {
    const withId = { ...empty, idNumber: ID_X };
    expect(mergePetitionParts(withId, { ...empty, idNumber: ID }).idNumber).toBe(ID_X);
  });
});

describe('missing fields and the reply', () => {
  it('lists the fields still null, in field order', () => {
    expect(missingPetitionFields(empty)).toEqual(['unit', 'name', 'address', 'idNumber', 'demand']);
    expect(missingPetitionFields({ ...empty, name: '张伟', demand: '电梯坏了' })).toEqual(['unit', 'address', 'idNumber']);
  });
  it('names what is wrong first, then what is missing', () => {
    const p: ParsedPetition = {
      unit: { id: 'housing', matched: '市住建局' },
      name: '张伟',
      address: null,
      idNumber: null,
      demand: '电梯坏了',
      invalid: [{ field: 'idNumber', reason: 'checksum' }],
    };
    expect(petitionMissingReply(p)).toBe('请补充：身份证号码（校验位不正确）、家庭住址');
    expect(petitionMissingReply({ ...empty, invalid: [{ field: 'idNumber', reason: 'birthdate' }] })).toBe(
      '请补充：身份证号码（出生日期不正确）、反映单位、姓名、家庭住址、诉求内容',
    );
  });
  it('is empty when nothing is missing', () => {
    expect(
      petitionMissingReply({ unit: { id: 'x', matched: 'x' }, name: 'a', address: 'b', idNumber: ID_X, demand: 'c', invalid: [] }),
    ).toBe('');
  });
});

describe('long and odd input', () => {
  it('reads the longest SMS the endpoint accepts (4,000 characters) of any shape', () => {
    for (const text of ['', '\n', '身份证'.repeat(700) + '1 '.repeat(900), '市住建局'.repeat(1000), '住'.repeat(4000), '\ud800😀'.repeat(1000)]) {
      const p = parse(text);
      expect(p.invalid.length).toBeLessThanOrEqual(1);
      expect(missingPetitionFields(p).length).toBeGreaterThan(0);
    }
  });
});
