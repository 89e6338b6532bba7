import { BucketCounter } from './counter.js';
import { finalizeHash, mixCodePoint } from './hash.js';

/**
 * Turns an appeal's text into hashed character n-gram term frequencies. Characters, not words:
 * Chinese has no spaces, and a segmenter would be a large dependency whose dictionary misses the
 * local place names and slang that carry the routing signal; overlapping 1–3-grams capture the
 * words anyway (停水, 物业费, 噪音扰民) and survive typos and unseen compounds.
 */
export interface FeatureOptions {
  /** Feature space size is 2^hashBits buckets; larger means fewer collisions, larger models. */
  hashBits: number;
  minN: number;
  maxN: number;
  /**
   * Weight of a second copy of the title's n-grams in their own hash namespace. Titles are short
   * summaries written by the citizen and carry denser signal than the body; 0 disables.
   */
  titleWeight: number;
  /** Map every ASCII digit to 0: phone numbers, dates and house numbers are noise for routing. */
  foldDigits: boolean;
  /**
   * Weight of each n-gram length, minN first (empty = all 1). Scaling a length up before the
   * l2 norm lets the SVM lean on it more: bigrams, the typical Chinese word, carry most signal.
   */
  ngramWeights: number[];
  /**
   * Weight of words supplied by an external segmenter (RoutingText.words), hashed into their
   * own namespace; 0 ignores them. Core cannot segment (no dictionary in the browser bundle),
   * so a caller that has a segmenter passes its words along.
   */
  wordWeight: number;
  /**
   * Characters read as word breaks, besides whitespace. 'punctuation': punctuation and symbols,
   * since grams like 。我 or ！！ carry no topic and only dilute the l2 norm. 'non-han': also
   * digits and Latin letters (the anonymised place codes such as K8县; scored lower).
   */
  separators: 'whitespace' | 'punctuation' | 'non-han';
  /** Use 1 + ln(tf) instead of tf, so a word repeated ten times does not drown the others. */
  sublinearTf: boolean;
}

/**
 * Chosen by 5-fold cross-validation on a 6.5k-appeal training set (bench/routing/tune.ts; see
 * docs/benchmarks.md): breaking grams at punctuation gained most (+0.005 macro-F1); 4-grams,
 * 2^18 buckets, unfolded digits and gapped pairs all scored lower.
 */
export const defaultFeatureOptions: FeatureOptions = {
  hashBits: 20,
  minN: 1,
  maxN: 3,
  titleWeight: 1,
  foldDigits: true,
  ngramWeights: [1, 1, 0.7],
  wordWeight: 0,
  separators: 'punctuation',
  sublinearTf: true,
};

/** Duplicate-free indices with their values; the shape every stage passes along. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

const BODY_SEED = 0x9747b28c;
const TITLE_SEED = 0x5bd1e995;
const WORD_SEED = 0x27d4eb2f;

/**
 * Writes the text's code points into `out` (grown as needed) and returns how many. NFKC folds
 * full-width letters and digits, common in IME input, to ASCII so both spellings are one feature.
 */
function codePointsOf(text: string, options: FeatureOptions, out: { buffer: Int32Array }): number {
  const { foldDigits } = options;
  const punctuation = options.separators !== 'whitespace';
  const nonHan = options.separators === 'non-han';
  const normalized = text.normalize('NFKC').toLowerCase();
  if (out.buffer.length < normalized.length) out.buffer = new Int32Array(normalized.length * 2);
  const buffer = out.buffer;
  let length = 0;
  let lastWasSpace = true;
  for (let i = 0; i < normalized.length; i++) {
    let cp = normalized.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < normalized.length) {
      const low = normalized.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (cp <= 32 || cp === 0x3000 || (punctuation && isPunctuation(cp)) || (nonHan && cp < 0x2e80)) {
      // Collapse whitespace runs: line breaks and indentation are layout, not content.
      if (lastWasSpace) continue;
      cp = 32;
      lastWasSpace = true;
    } else {
      lastWasSpace = false;
      if (foldDigits && cp >= 48 && cp <= 57) cp = 48;
    }
    buffer[length++] = cp;
  }
  if (length > 0 && buffer[length - 1] === 32) length--;
  return length;
}

/** ASCII and CJK punctuation and symbols (full-width forms are ASCII after NFKC). */
function isPunctuation(cp: number): boolean {
  if (cp < 128) return !((cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122));
  return (
    (cp >= 0x2000 && cp <= 0x206f) || // general punctuation: — ‘ ’ “ ” …
    (cp >= 0x3000 && cp <= 0x303f) || // CJK punctuation: 、。《》「」【】
    (cp >= 0xff00 && cp <= 0xff65) || // full-width forms NFKC leaves alone
    (cp >= 0x2190 && cp <= 0x2bff) // arrows, shapes, misc symbols
  );
}

export class NgramHasher {
  readonly options: FeatureOptions;
  private readonly mask: number;
  // Scratch space reused between calls, so hashing one appeal allocates only its result (the
  // predictor's budget is tens of microseconds). Safe: JavaScript runs this on one thread.
  private readonly text = { buffer: new Int32Array(1024) };
  private readonly counter = new BucketCounter();
  private readonly lengthWeights: Float64Array;

  constructor(options: FeatureOptions) {
    if (!Number.isInteger(options.hashBits) || options.hashBits < 10 || options.hashBits > 26) {
      throw new RangeError('hashBits must be an integer in 10..26');
    }
    if (!(options.minN >= 1 && options.maxN >= options.minN && options.maxN <= 8)) {
      throw new RangeError('need 1 <= minN <= maxN <= 8');
    }
    if (options.ngramWeights.length > 0 && options.ngramWeights.length !== options.maxN - options.minN + 1) {
      throw new RangeError('ngramWeights needs one weight per n-gram length');
    }
    this.options = { ...options, ngramWeights: [...options.ngramWeights] };
    this.mask = (1 << options.hashBits) - 1;
    // Index 0 weighs words, 1..maxN the n-gram lengths.
    this.lengthWeights = new Float64Array(options.maxN + 1);
    this.lengthWeights[0] = options.wordWeight;
    for (let n = options.minN; n <= options.maxN; n++) {
      this.lengthWeights[n] = options.ngramWeights[n - options.minN] ?? 1;
    }
  }

  get dimensions(): number {
    return this.mask + 1;
  }

  /** Term frequencies of title + body, plus the weighted title namespace when enabled. */
  termFrequencies(title: string, body: string, words: readonly string[] = []): SparseVector {
    const { titleWeight, maxN, minN, sublinearTf } = this.options;
    const text = title.length > 0 ? `${title}\n${body}` : body;
    const withTitle = titleWeight > 0 && title.trim().length > 0;
    const grams = maxN - minN + 1;
    const useWords = this.options.wordWeight > 0;
    this.counter.reset((text.length + (withTitle ? title.length : 0)) * grams + (useWords ? words.length : 0));
    this.countGrams(codePointsOf(text, this.options, this.text), BODY_SEED, 0);
    if (withTitle) this.countGrams(codePointsOf(title, this.options, this.text), TITLE_SEED, 1);
    if (useWords) {
      for (const word of words) {
        const length = codePointsOf(word, this.options, this.text);
        if (length === 0 || (length === 1 && this.text.buffer[0] === 32)) continue;
        let hash = WORD_SEED;
        for (let i = 0; i < length; i++) hash = mixCodePoint(hash, this.text.buffer[i]!);
        // Tag 0 marks a word, so it takes wordWeight instead of an n-gram length's weight.
        this.counter.add(finalizeHash(hash, length) & this.mask, 0, 0);
      }
    }

    const { size, buckets, counts, tags } = this.counter;
    const indices = buckets.slice(0, size);
    const values = new Float64Array(size);
    const tf = (count: number) => (count === 0 ? 0 : sublinearTf ? 1 + Math.log(count) : count);
    const lengthWeight = this.lengthWeights;
    for (let i = 0; i < size; i++) {
      values[i] = (tf(counts[0][i]!) + titleWeight * tf(counts[1][i]!)) * lengthWeight[tags[i]!]!;
    }
    return { indices, values };
  }

  /** Counts every n-gram of the first `length` code points now in the scratch text buffer. */
  private countGrams(length: number, seed: number, channel: 0 | 1): void {
    const { minN, maxN } = this.options;
    const codePoints = this.text.buffer;
    for (let start = 0; start < length; start++) {
      // Extend the n-gram one character at a time, so all lengths from one start cost O(maxN).
      let hash = seed;
      const stop = Math.min(length, start + maxN);
      for (let end = start; end < stop; end++) {
        const cp = codePoints[end]!;
        // A gram that is or spans a space mixes two unrelated words; skip it.
        if (cp === 32) break;
        hash = mixCodePoint(hash, cp);
        const n = end - start + 1;
        if (n >= minN) this.counter.add(finalizeHash(hash, n) & this.mask, channel, n);
      }
    }
  }
}
