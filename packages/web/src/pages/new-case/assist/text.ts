/* Pure helpers behind the intake assistance panel. */

/** The knowledge base's limit on a query, and how much of the content to search by default. */
const MAX_QUERY = 100;
const CONTENT_PREFIX = 20;

/**
 * What to ask the knowledge base: the operator's selection when there is one, else the start of
 * the content. The server matches every whitespace-separated part as a phrase, so only the first
 * clause is sent: a phrase spanning punctuation would rarely match anything.
 */
export function knowledgeQuery(content: string, selection: string): string {
  const selected = selection.trim().replace(/\s+/g, ' ');
  if (selected) return selected.slice(0, MAX_QUERY);
  const start = content.trim().slice(0, CONTENT_PREFIX);
  const clause = start.split(/[\s,.;:!?，。；：！？、]+/u).find((part) => part.length > 0);
  return clause ?? '';
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
