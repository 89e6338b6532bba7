import { z } from 'zod';

/**
 * What a notice about no case says (issue 10 §4 and §5). A notification of a case needs no words:
 * the case is the message, read under its own access rules (ADR 0025). A line that went cold or a
 * caller waiting for a callback has no case to open, so its notice carries the facts the alert
 * fired with: counts and rates, the line's published name and number, the deadline and a caller's
 * number only ever masked — never words of an appeal. One set of templates: the console renders
 * them in the reader's language, the outbox body is the Chinese one, so the bell, the log and an
 * e-mail relay say the same thing.
 */

const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1);
const line = { lineId: z.string(), lineName: z.string(), lineNumber: z.string() };

/** The 24 h that opened a cold-line episode, against the line's own standard. */
const coldLineAlert = z.object({
  kind: z.literal('cold_line_alert'),
  ...line,
  offered: count,
  /** Picked up or called back within 1 h (DESIGN §6). */
  answered: count,
  calledBack: count,
  missed: count,
  answerRate: share.nullable(),
  /** Picked up within `thresholds.promptSeconds`, of the calls offered. */
  promptRate: share.nullable(),
  thresholds: z.object({ answerRate: share, promptSeconds: z.number().int().positive(), promptRate: share }),
});

const callback = {
  ...line,
  taskId: z.string(),
  /** Masked as everywhere a caller is shown (138****5678): a full number is refused here. Null where callers are protected (tip lines). */
  caller: z.string().regex(/\*/, 'a caller in a notice must be masked').nullable(),
  callCount: count,
  dueAt: z.string(),
  /** The jurisdiction's zone: a deadline reads as the city's clock, wherever the reader is. */
  timeZone: z.string(),
};

export const noticeFactsSchema = z.discriminatedUnion('kind', [
  coldLineAlert,
  z.object({ kind: z.literal('callback_reminder'), ...callback }),
  z.object({ kind: z.literal('callback_overdue'), ...callback }),
]);
export type NoticeFacts = z.infer<typeof noticeFactsSchema>;
export type NoticeKind = NoticeFacts['kind'];

export type NoticeLanguage = 'zh-CN' | 'en';

const percent = (r: number | null): string => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
const calls = (n: number): string => (n === 1 ? '1 call' : `${n} calls`);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3月11日 09:30" / "11 Mar 09:30" on the city's clock, as staff read deadlines. */
export function noticeDeadline(iso: string, timeZone: string, language: NoticeLanguage): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', { timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  } catch {
    // A zone this browser does not know: the instant is still right, said in UTC.
    return noticeDeadline(iso, 'UTC', language) + ' UTC';
  }
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const month = Number(get('month'));
  const day = Number(get('day'));
  return language === 'zh-CN' ? `${month}月${day}日 ${get('hour')}:${get('minute')}` : `${day} ${MONTHS[month - 1] ?? month} ${get('hour')}:${get('minute')}`;
}

type ColdLine = Extract<NoticeFacts, { kind: 'cold_line_alert' }>;
type Callback = Extract<NoticeFacts, { kind: 'callback_reminder' | 'callback_overdue' }>;

function coldLineText(f: ColdLine, language: NoticeLanguage): string {
  const s = f.thresholds.promptSeconds;
  if (language === 'zh-CN') {
    return (
      `${f.lineName}（${f.lineNumber}）近24小时接通率 ${percent(f.answerRate)}（${f.answered}/${f.offered}，含1小时内回拨 ${f.calledBack}），` +
      `${s}秒内接听率 ${percent(f.promptRate)}，未接通 ${f.missed} 个；低于标准（接通率 ${percent(f.thresholds.answerRate)}、${s}秒内接听 ${percent(f.thresholds.promptRate)}）。请尽快安排接听并回拨未接来电。`
    );
  }
  return (
    `${f.lineName} (${f.lineNumber}) answered ${percent(f.answerRate)} of its calls in the last 24 h (${f.answered} of ${f.offered}, ${f.calledBack} of them called back within 1 h); ` +
    `${percent(f.promptRate)} were picked up within ${s} s and ${f.missed} went unanswered. Its standard is ${percent(f.thresholds.answerRate)} answered and ${percent(f.thresholds.promptRate)} within ${s} s. ` +
    'Please staff the line and call the missed callers back.'
  );
}

function callbackText(f: Callback, language: NoticeLanguage): string {
  const due = noticeDeadline(f.dueAt, f.timeZone, language);
  if (language === 'zh-CN') {
    const who = f.caller === null ? `${f.callCount}次来电` : `来电人 ${f.caller}，${f.callCount}次来电`;
    return f.kind === 'callback_reminder'
      ? `${f.lineName}（${f.lineNumber}）有来电待回电（${who}），请于${due}前回电。`
      : `${f.lineName}（${f.lineNumber}）的回电任务已超过回电时限（${due}），尚未回电（${who}）。`;
  }
  const who = f.caller === null ? calls(f.callCount) : `${f.caller}, ${calls(f.callCount)}`;
  return f.kind === 'callback_reminder'
    ? `A caller to ${f.lineName} (${f.lineNumber}) is waiting for a callback (${who}). Please call back by ${due}.`
    : `The callback for ${f.lineName} (${f.lineNumber}) is past its deadline (${due}) and nobody has called back yet (${who}).`;
}

/** The notice's sentence in the reader's language. */
export function noticeText(facts: NoticeFacts, language: NoticeLanguage): string {
  return facts.kind === 'cold_line_alert' ? coldLineText(facts, language) : callbackText(facts, language);
}

/** The tag staff messages open with (【督办】…), as the other templates' bodies. */
const OUTBOX_TAG: Readonly<Record<NoticeKind, string>> = { cold_line_alert: '冷线提醒', callback_reminder: '回电提醒', callback_overdue: '督办' };

/** The staff message's body in the outbox (delivered by whatever carries staff messages): Chinese. */
export function noticeOutboxBody(facts: NoticeFacts): string {
  return `【${OUTBOX_TAG[facts.kind]}】${noticeText(facts, 'zh-CN')}`;
}
