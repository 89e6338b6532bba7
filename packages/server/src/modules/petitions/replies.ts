/**
 * The SMS answers of the petition line (issue 11 §1), in Chinese and short. None repeats what
 * the sender wrote: the reply names the fields, never their values (a phone may be shared).
 */
const sign = (jurisdictionName: string): string => `【${jurisdictionName}12345】`;

/** One answer per message: exactly what is still missing or wrong (core petitionMissingReply), and how long they have. */
export function petitionIncompleteText(o: { jurisdictionName: string; missingReply: string; windowHours: number }): string {
  const ask = o.missingReply.replace(/[。．.\s]+$/u, '');
  return `${sign(o.jurisdictionName)}您的信访短信尚未受理。${ask}。请在${o.windowHours}小时内用本机号码补发所缺内容，已写的无需重发。`;
}

export function petitionExpiredText(o: { jurisdictionName: string; windowHours: number }): string {
  return `${sign(o.jurisdictionName)}您的信访短信在${o.windowHours}小时内未补全，未能受理，已作废。如仍需反映，请重新发送，写明反映单位、姓名、家庭住址、身份证号码和具体诉求。`;
}

/** A text to a line that takes none: where to send it instead, and nothing was opened. */
export function smsNotAcceptedText(o: { jurisdictionName: string; alternatives: ReadonlyArray<{ name: string; number: string }> }): string {
  const where = o.alternatives.map((l) => `${l.name}${l.number}`).join('、');
  return where.length > 0
    ? `${sign(o.jurisdictionName)}本号码不接收短信，您的短信未被受理。请拨打本号码，或将短信发送至：${where}。`
    : `${sign(o.jurisdictionName)}本号码不接收短信，您的短信未被受理。请拨打本号码反映。`;
}
