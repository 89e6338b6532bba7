import { AhoCorasick } from './aho-corasick.js';
import { foldCode, foldText, isWordCode } from './fold.js';
import { Boundaries, covers, overlaps, type CueScope, type Span } from './spans.js';

/**
 * A generic phrase detector in the spirit of NegEx (Chapman et al., 2001): find lexicon terms, then
 * drop the ones a nearby cue says are not happening now. Urgency detection and vulnerability flags
 * both run on it with different data. See README.md for the rules and why they are shaped so.
 */

/**
 * Why a term found in the text may not count. Order matters: the first that applies is reported.
 * `hypothetical` also covers generic and habitual statements (经常, 容易) — anything not a real
 * event in progress (irrealis).
 */
export const MODIFIER_KINDS = ['negation', 'past', 'future', 'hypothetical', 'hyperbole'] as const;
export type ModifierKind = (typeof MODIFIER_KINDS)[number];

export type { CueScope } from './spans.js';

export interface CueRule {
  /** Cue words that precede the term, at most `window` characters before it. */
  readonly before: readonly string[];
  /** Cue words that follow the term, at most `afterWindow` characters after it. */
  readonly after: readonly string[];
  readonly window: number;
  readonly afterWindow: number;
  readonly scope: CueScope;
  /** Phrases that contain a cue but are not one (没人管 contains 没; 过年前 contains 年前). */
  readonly pseudo: readonly string[];
  /** Words anywhere in the term's scope that cancel this cue (上个月开始停水，至今未恢复). */
  readonly overriddenBy: readonly string[];
}

/** Words that must appear near a term for it to count (整栋楼 before 停水 makes an outage widespread). */
export interface ContextRule {
  readonly words: readonly string[];
  readonly window: number;
  readonly scope: CueScope;
}

export interface PhraseCategoryRule {
  readonly terms: readonly string[];
  /** Longer words that overlap a term and change its meaning (火灾隐患, 停电动车, 跳楼价). */
  readonly excludes: readonly string[];
  readonly context?: ContextRule;
  /** Modifiers this category ignores (a threat of suicide counts even when conditional or future). */
  readonly ignoreModifiers: readonly ModifierKind[];
}

export interface PhraseRules {
  readonly categories: readonly PhraseCategoryRule[];
  readonly modifiers: Partial<Record<ModifierKind, CueRule>>;
}

export interface PhraseHit {
  /** Index into `PhraseRules.categories`. */
  readonly category: number;
  /** The lexicon term as written in the rules. */
  readonly term: string;
  readonly start: number;
  readonly end: number;
}

export type SuppressionReason = ModifierKind | 'excluded' | 'no_context';

export interface SuppressedHit extends PhraseHit {
  readonly reason: SuppressionReason;
}

export interface PhraseScan {
  readonly kept: PhraseHit[];
  readonly suppressed: SuppressedHit[];
}

export interface PhraseMatcher {
  scan(text: string): PhraseScan;
}

type Role =
  | { kind: 'term'; category: number; term: string }
  | { kind: 'exclude'; category: number }
  | { kind: 'context'; category: number }
  | { kind: 'cue'; modifier: ModifierKind; side: 'before' | 'after' }
  | { kind: 'pseudo'; modifier: ModifierKind }
  | { kind: 'override'; modifier: ModifierKind };

interface CueSpans {
  before: Span[];
  after: Span[];
  pseudo: Span[];
  override: Span[];
}

const emptyCues = (): CueSpans => ({ before: [], after: [], pseudo: [], override: [] });

/** Occurrences from one scan, grouped by what they are for. */
interface Found {
  terms: PhraseHit[];
  excludes: Span[][];
  contexts: Span[][];
  cues: Record<ModifierKind, CueSpans>;
}

export function compilePhraseRules(rules: PhraseRules): PhraseMatcher {
  const roles: Role[][] = [];
  const index = new Map<string, number>();
  const add = (word: string, role: Role): void => {
    const folded = foldText(word);
    let id = index.get(folded);
    if (id === undefined) {
      id = roles.length;
      index.set(folded, id);
      roles.push([]);
    }
    roles[id]?.push(role);
  };
  rules.categories.forEach((category, c) => {
    for (const term of category.terms) add(term, { kind: 'term', category: c, term });
    for (const word of category.excludes) add(word, { kind: 'exclude', category: c });
    for (const word of category.context?.words ?? []) add(word, { kind: 'context', category: c });
  });
  for (const modifier of MODIFIER_KINDS) {
    const rule = rules.modifiers[modifier];
    if (!rule) continue;
    for (const word of rule.before) add(word, { kind: 'cue', modifier, side: 'before' });
    for (const word of rule.after) add(word, { kind: 'cue', modifier, side: 'after' });
    for (const word of rule.pseudo) add(word, { kind: 'pseudo', modifier });
    for (const word of rule.overriddenBy) add(word, { kind: 'override', modifier });
  }
  const automaton = new AhoCorasick([...index.keys()]);
  return { scan: (text) => evaluate(text, rules, collect(text, automaton, roles, rules.categories.length)) };
}

function collect(text: string, automaton: AhoCorasick, roles: readonly Role[][], categories: number): Found {
  const found: Found = {
    terms: [],
    excludes: Array.from({ length: categories }, () => []),
    contexts: Array.from({ length: categories }, () => []),
    cues: {
      negation: emptyCues(),
      past: emptyCues(),
      future: emptyCues(),
      hypothetical: emptyCues(),
      hyperbole: emptyCues(),
    },
  };
  automaton.scan(text, (id, start, end) => {
    if (splitsWord(text, start, end)) return;
    for (const role of roles[id] ?? []) {
      const span = { start, end };
      switch (role.kind) {
        case 'term':
          found.terms.push({ category: role.category, term: role.term, start, end });
          break;
        case 'exclude':
          found.excludes[role.category]?.push(span);
          break;
        case 'context':
          found.contexts[role.category]?.push(span);
          break;
        case 'cue':
          found.cues[role.modifier][role.side].push(span);
          break;
        case 'pseudo':
          found.cues[role.modifier].pseudo.push(span);
          break;
        case 'override':
          found.cues[role.modifier].override.push(span);
          break;
      }
    }
  });
  return found;
}

/**
 * A Latin-script match must be whole words: "fire" is not in "firework" nor "gas leak" in "gas
 * leakage". Chinese has no spaces to find words by, so Chinese terms match anywhere (and the
 * lexicon's exclusions handle the longer words that change their meaning).
 */
function splitsWord(text: string, start: number, end: number): boolean {
  const word = (i: number) => i >= 0 && i < text.length && isWordCode(foldCode(text.charCodeAt(i)));
  return (word(start) && word(start - 1)) || (word(end - 1) && word(end));
}

function evaluate(text: string, rules: PhraseRules, found: Found): PhraseScan {
  // Most appeals contain no term at all; they should not pay for the boundary tables.
  if (found.terms.length === 0) return { kept: [], suppressed: [] };
  const boundaries = new Boundaries(text);
  const kept: PhraseHit[] = [];
  const suppressed: SuppressedHit[] = [];
  for (const hit of found.terms) {
    const reason = suppression(hit, rules, found, boundaries);
    if (reason) suppressed.push({ ...hit, reason });
    else kept.push(hit);
  }
  return { kept: dropContained(kept), suppressed };
}

function suppression(hit: PhraseHit, rules: PhraseRules, found: Found, boundaries: Boundaries): SuppressionReason | null {
  const category = rules.categories[hit.category];
  if (!category) return null;
  if ((found.excludes[hit.category] ?? []).some((ex) => overlaps(ex, hit))) return 'excluded';
  const context = category.context;
  if (context) {
    const near = (found.contexts[hit.category] ?? []).some(
      (word) => boundaries.distance(word, hit) <= context.window && boundaries.together(word, hit, context.scope),
    );
    if (!near) return 'no_context';
  }
  for (const modifier of MODIFIER_KINDS) {
    const rule = rules.modifiers[modifier];
    if (!rule || category.ignoreModifiers.includes(modifier)) continue;
    if (applies(hit, rule, found.cues[modifier], boundaries)) return modifier;
  }
  return null;
}

function applies(hit: PhraseHit, rule: CueRule, cues: CueSpans, boundaries: Boundaries): boolean {
  const genuine = (cue: Span): boolean => !cues.pseudo.some((p) => covers(p, cue));
  const cued =
    cues.before.some(
      (cue) =>
        cue.end <= hit.start &&
        boundaries.distance(cue, hit) <= rule.window &&
        boundaries.together(cue, hit, rule.scope) &&
        genuine(cue),
    ) ||
    cues.after.some(
      (cue) =>
        cue.start >= hit.end &&
        boundaries.distance(hit, cue) <= rule.afterWindow &&
        boundaries.together(hit, cue, rule.scope) &&
        genuine(cue),
    );
  if (!cued) return false;
  // An override inside the term itself says nothing about the term's time.
  return !cues.override.some((word) => !overlaps(word, hit) && boundaries.together(word, hit, rule.scope));
}

/** 想自杀 and 自杀 in the same place are one finding: keep the longer term of a category. */
function dropContained(hits: PhraseHit[]): PhraseHit[] {
  return hits.filter(
    (hit) =>
      !hits.some(
        (other) =>
          other !== hit &&
          other.category === hit.category &&
          covers(other, hit) &&
          other.end - other.start > hit.end - hit.start,
      ),
  );
}
