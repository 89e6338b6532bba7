import { boundaryClass, foldCode } from './fold.js';

/** A half-open range of UTF-16 offsets, [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Which boundaries a cue may not cross: a comma-like mark, or only the end of a sentence. */
export type CueScope = 'clause' | 'sentence';

/** Prefix counts of boundaries, so "is there a boundary between a and b" is O(1). */
export class Boundaries {
  private readonly clause: Int32Array;
  private readonly sentence: Int32Array;

  constructor(text: string) {
    this.clause = new Int32Array(text.length + 1);
    this.sentence = new Int32Array(text.length + 1);
    for (let i = 0; i < text.length; i += 1) {
      const kind = boundaryClass(foldCode(text.charCodeAt(i)));
      this.clause[i + 1] = (this.clause[i] ?? 0) + (kind !== 0 ? 1 : 0);
      this.sentence[i + 1] = (this.sentence[i] ?? 0) + (kind === 2 ? 1 : 0);
    }
  }

  /** Whether `a` and `b` sit in the same clause or sentence (they may overlap). */
  together(a: Span, b: Span, scope: CueScope): boolean {
    const from = Math.min(a.end, b.end);
    const to = Math.max(a.start, b.start);
    if (to <= from) return true;
    const counts = scope === 'clause' ? this.clause : this.sentence;
    return (counts[to] ?? 0) - (counts[from] ?? 0) === 0;
  }
}

/** Characters strictly between two spans; 0 when they touch or overlap. */
export function gap(a: Span, b: Span): number {
  return Math.max(0, Math.max(a.start, b.start) - Math.min(a.end, b.end));
}

export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
export const covers = (outer: Span, inner: Span): boolean => outer.start <= inner.start && inner.end <= outer.end;
