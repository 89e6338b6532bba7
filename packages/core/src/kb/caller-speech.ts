/**
 * What callers say around a question that says nothing about its subject (issue 12 §3): greetings,
 * "I'd like to ask", question words and particles. Cut out of both the caller's words and the
 * articles before matching, so 我想问一下办理居住证需要带什么材料 is matched on 办理居住证 / 带 /
 * 材料, and an article is not preferred for sharing 需要什么 with the question.
 *
 * Longest first at each position (了解一下 before 了). Single characters only where they are
 * almost never part of a content word; 请, 问, 有, 是, 要 stay (申请, 问题, 有线电视, 要求).
 */
const PHRASES = [
  '我想问一下', '我想问问', '我想咨询一下', '我想咨询', '我想了解一下', '我想了解', '我想知道', '我想请问',
  '想问一下', '想问问', '想咨询一下', '想了解一下', '想知道', '咨询一下', '了解一下', '请问一下', '请问下', '问一下', '请问',
  '你好', '您好', '喂', '麻烦你', '麻烦您', '麻烦', '打扰一下', '打扰了', '谢谢', '帮我', '帮忙', '给我',
  '我想', '我要', '我们', '你们', '我家', '咱们',
  '是不是', '能不能', '可不可以', '可以不可以', '有没有', '需不需要', '要不要', '会不会', '行不行',
  '找谁', '怎么办', '怎么弄', '怎么样', '怎么', '怎样', '如何', '什么', '哪些', '哪里', '哪儿', '哪个', '哪家', '多少',
  '需要', '应该', '可以', '能够', '一下', '的话', '这个', '那个', '这种', '就是', '然后', '还有', '一些', '现在',
  '吗', '呢', '吧', '啊', '呀', '哦', '嘛', '啦', '的', '了', '我', '你', '您', '嗯', '呃', '么', '哪',
];

const BY_FIRST = new Map<string, string[]>();
for (const p of [...PHRASES].sort((a, b) => b.length - a.length)) {
  const first = p[0] ?? '';
  BY_FIRST.set(first, [...(BY_FIRST.get(first) ?? []), p]);
}

/** The text with each filler replaced by a space (so the words on either side do not join). */
export function stripCallerSpeech(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const hit = BY_FIRST.get(text[i] ?? '')?.find((p) => text.startsWith(p, i));
    if (hit) {
      out += ' ';
      i += hit.length;
    } else {
      out += text[i];
      i += 1;
    }
  }
  return out;
}
