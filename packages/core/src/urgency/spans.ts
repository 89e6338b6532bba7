import { boundaryClass, foldCode, isWordCode, isWordSpace } from './fold.js';

/** A half-open range of UTF-16 offsets, [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Which boundaries a cue may not cross: a comma-like mark, or only the end of a sentence. */
export type CueScope = 'clause' | 'sentence';

/**
 * Prefix counts of boundaries, so "is there a boundary between a and b" is O(1), and of units, so
 * is "how far apart are a and b". A unit is a Chinese character, or a whole Latin-script word:
 * a window of three (没有着火) then also reaches "not a fire", which three characters never would.
 */
export class Boundaries {
  private readonly clause: Int32Array;
  private readonly sentence: Int32Array;
  private readonly units: Int32Array;

  constructor(text: string) {
    this.clause = new Int32Array(text.length + 1);
    this.sentence = new Int32Array(text.length + 1);
    this.units = new Int32Array(text.length + 1);
    for (let i = 0; i < text.length; i += 1) {
      const code = foldCode(text.charCodeAt(i));
      const joins = isWordSpace(text, i);
      const kind = joins ? 0 : boundaryClass(code);
      this.clause[i + 1] = (this.clause[i] ?? 0) + (kind !== 0 ? 1 : 0);
      this.sentence[i + 1] = (this.sentence[i] ?? 0) + (kind === 2 ? 1 : 0);
      // A word's letters after its first, and the space between two words, add nothing.
      const continues = joins || (isWordCode(code) && i > 0 && isWordCode(foldCode(text.charCodeAt(i - 1))));
      this.units[i + 1] = (this.units[i] ?? 0) + (continues ? 0 : 1);
    }
  }

  /**
   * Units strictly between two spans; 0 when they touch or overlap. Latin words count one each
   * (the spaces around them count nothing); every other character counts one.
   */
  distance(a: Span, b: Span): number {
    const from = Math.min(a.end, b.end);
    const to = Math.max(a.start, b.start);
    return to <= from ? 0 : (this.units[to] ?? 0) - (this.units[from] ?? 0);
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

export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
export const covers = (outer: Span, inner: Span): boolean => outer.start <= inner.start && inner.end <= outer.end;
