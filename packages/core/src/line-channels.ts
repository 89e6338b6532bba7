/**
 * Which channels a published line takes (issue 11 §1, ADR 0029). DESIGN §1: an SMS-only line
 * (the petition bureau director's mobile) and a tip line take text messages; a staffed line
 * answers calls only ("no SMS, no direct reach"), and so does an official's direct line. An admin
 * may configure otherwise (a 12345 hotline that also reads texts); these are only the defaults.
 */
export type LineModeName = 'direct' | 'staffed' | 'sms_only' | 'tip';

export interface LineChannels {
  voice: boolean;
  sms: boolean;
}

export function defaultLineChannels(mode: LineModeName): LineChannels {
  return mode === 'sms_only' || mode === 'tip' ? { voice: false, sms: true } : { voice: true, sms: false };
}

export interface SmsLineChoice {
  name: string;
  number: string;
  mode: LineModeName;
  isPublic: boolean;
  acceptsSms: boolean;
}

/**
 * Where to send a text that reached a line that takes none: the published lines that read texts.
 * A tip line is named only when nothing else takes texts — a resident writing about a pothole
 * should be pointed at the hotline, not at the police chief's tip line.
 */
export function smsAlternatives(lines: readonly SmsLineChoice[]): SmsLineChoice[] {
  const open = lines.filter((l) => l.isPublic && l.acceptsSms);
  const general = open.filter((l) => l.mode !== 'tip');
  return general.length > 0 ? general : open;
}
