import type { Urgency } from '../channels.js';
import { defaultUrgencyLexicon } from './default-lexicon.js';
import { urgencyLexiconSchema, type RedirectNumber, type UrgencyLexicon, type UrgencyLexiconInput } from './lexicon.js';
import {
  compilePhraseRules,
  type PhraseHit,
  type PhraseMatcher,
  type SuppressedHit,
  type SuppressionReason,
} from './phrase-matcher.js';

export interface UrgencyMatch {
  /** `category:term`, stable across lexicon edits that keep the term. */
  rule: string;
  category: string;
  level: Urgency;
  /** UTF-16 offsets: `text.slice(span[0], span[1])` is the matched text. */
  span: [number, number];
  term: string;
}

/** A term that was found but did not count, and why: shown to admins tuning the lexicon. */
export interface SuppressedUrgencyMatch extends UrgencyMatch {
  reason: SuppressionReason;
}

export interface UrgencyRedirect {
  number: RedirectNumber;
  reason: string;
  category: string;
}

export interface UrgencyResult {
  level: Urgency;
  matches: UrgencyMatch[];
  /** Present exactly when `level` is `emergency`. */
  redirect?: UrgencyRedirect;
  utilitiesOutage: boolean;
  suppressed: SuppressedUrgencyMatch[];
}

const RANK: Record<Urgency, number> = { normal: 0, urgent: 1, emergency: 2 };

/** A lexicon turned into a matcher; build once per lexicon version and reuse for every text. */
export class CompiledUrgencyLexicon {
  /** @internal */
  readonly matcher: PhraseMatcher;

  constructor(readonly lexicon: UrgencyLexicon) {
    this.matcher = compilePhraseRules({
      categories: lexicon.categories,
      modifiers: lexicon.modifiers,
    });
  }
}

/** Validates (throws a ZodError) and compiles. Costs about a millisecond; matching costs microseconds. */
export function compileUrgencyLexicon(lexicon: UrgencyLexiconInput): CompiledUrgencyLexicon {
  return new CompiledUrgencyLexicon(urgencyLexiconSchema.parse(lexicon));
}

let builtIn: CompiledUrgencyLexicon | undefined;

/** Compiled on first use, so importing core costs nothing for code that never detects urgency. */
function defaultCompiled(): CompiledUrgencyLexicon {
  builtIn ??= new CompiledUrgencyLexicon(defaultUrgencyLexicon());
  return builtIn;
}

/**
 * Urgency of an appeal's text, with the evidence. A raw lexicon is validated and compiled on every
 * call; pass a `CompiledUrgencyLexicon` on hot paths.
 */
export function detectUrgency(text: string, lexicon?: UrgencyLexiconInput | CompiledUrgencyLexicon): UrgencyResult {
  const compiled =
    lexicon === undefined ? defaultCompiled() : lexicon instanceof CompiledUrgencyLexicon ? lexicon : compileUrgencyLexicon(lexicon);
  const { categories } = compiled.lexicon;
  const scan = compiled.matcher.scan(text);
  const toMatch = (hit: PhraseHit): UrgencyMatch => {
    const category = categories[hit.category];
    if (!category) throw new RangeError(`no category ${hit.category}`);
    return { rule: `${category.id}:${hit.term}`, category: category.id, level: category.level, span: [hit.start, hit.end], term: hit.term };
  };

  let level: Urgency = 'normal';
  let utilitiesOutage = false;
  let first: number | undefined;
  for (const hit of scan.kept) {
    const category = categories[hit.category];
    if (!category) continue;
    if (RANK[category.level] > RANK[level]) level = category.level;
    if (category.utilitiesOutage) utilitiesOutage = true;
    if (category.redirect && (first === undefined || hit.category < first)) first = hit.category;
  }
  const redirectCategory = first === undefined ? undefined : categories[first];
  const redirect =
    redirectCategory?.redirect && level === 'emergency'
      ? { number: redirectCategory.redirect.number, reason: redirectCategory.redirect.reason, category: redirectCategory.id }
      : undefined;

  const result: UrgencyResult = {
    level,
    matches: strongestPerSpan(scan.kept.map(toMatch)).sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1]),
    utilitiesOutage,
    suppressed: explainSuppressed(scan.suppressed, scan.kept).map((hit) => ({ ...toMatch(hit), reason: hit.reason })),
  };
  if (redirect) result.redirect = redirect;
  return result;
}

/**
 * The same words can belong to two categories (停水 is an outage, and a widespread outage next to
 * 整栋楼); the operator needs to see them once, at the highest level they reached.
 */
function strongestPerSpan(matches: UrgencyMatch[]): UrgencyMatch[] {
  const best = new Map<string, UrgencyMatch>();
  for (const match of matches) {
    const key = `${match.span[0]}:${match.span[1]}`;
    const current = best.get(key);
    if (!current || RANK[match.level] > RANK[current.level]) best.set(key, match);
  }
  return [...best.values()];
}

/**
 * Words that counted somewhere are not "suppressed", and one span is explained once: by the cue
 * that cancelled it rather than by a missing context word (上个月停水 is past, not "not widespread").
 */
function explainSuppressed(suppressed: SuppressedHit[], kept: PhraseHit[]): SuppressedHit[] {
  const counted = new Set(kept.map((hit) => `${hit.start}:${hit.end}`));
  const bySpan = new Map<string, SuppressedHit>();
  for (const hit of suppressed) {
    const key = `${hit.start}:${hit.end}`;
    if (counted.has(key)) continue;
    const current = bySpan.get(key);
    if (!current || (current.reason === 'no_context' && hit.reason !== 'no_context')) bySpan.set(key, hit);
  }
  return [...bySpan.values()].sort((a, b) => a.start - b.start || a.end - b.end);
}
