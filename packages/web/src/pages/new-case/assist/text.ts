/* Pure helpers behind the intake assistance panel. */

/** The knowledge base's limit on a query, and how much of the content to search by default. */
/** The server's limit for `q`; the start of a caller's account names what they ask about. */
const MAX_QUERY = 100;

/**
 * What to ask the knowledge base: the operator's selection when there is one, else the content as
 * typed (its first 100 characters). The server ranks articles by every word of a caller's sentence
 * (ADR 0025), so the whole account helps; it used to need one short phrase.
 */
export function knowledgeQuery(content: string, selection: string): string {
  const selected = selection.trim().replace(/\s+/g, ' ');
  if (selected) return selected.slice(0, MAX_QUERY);
  return Array.from(content.trim().replace(/\s+/g, ' ')).slice(0, MAX_QUERY).join('').trim();
}

export interface Segment {
  text: string;
  marked: boolean;
}

/** `text` cut into plain and highlighted runs; ranges are [start, end) and may overlap or be unsorted. */
export function highlightSegments(text: string, ranges: readonly (readonly [number, number])[] = []): Segment[] {
  const marked = new Array<boolean>(text.length).fill(false);
  for (const [start, end] of ranges) {
    for (let i = Math.max(0, start); i < Math.min(text.length, end); i += 1) marked[i] = true;
  }
  const segments: Segment[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const last = segments[segments.length - 1];
    if (last && last.marked === marked[i]) last.text += text[i];
    else segments.push({ text: text[i] ?? '', marked: marked[i] ?? false });
  }
  return segments;
}

/** 0.734 → 73 (whole percent, for bars and labels). */
export function toPercent(probability: number | null | undefined): number {
  if (probability === null || probability === undefined || !Number.isFinite(probability)) return 0;
  return Math.round(Math.min(1, Math.max(0, probability)) * 100);
}
