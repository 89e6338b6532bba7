import { z } from 'zod';
import { URGENCIES } from '../channels.js';
import { hasBoundary } from './fold.js';
import { MODIFIER_KINDS } from './phrase-matcher.js';

/**
 * The urgency lexicon is data an admin edits (the server stores it per jurisdiction), so every
 * rule the detector relies on is checked here rather than trusted.
 */

/** Where an emergency is sent: police, fire, ambulance, traffic police. */
export const REDIRECT_NUMBERS = ['110', '119', '120', '122'] as const;
export type RedirectNumber = (typeof REDIRECT_NUMBERS)[number];

const MAX_WINDOW = 40;

/**
 * A cue or context word: may be one character (没, 未), never punctuation; English phrases may
 * have single spaces between words ("smell of gas"), hence the room for 40 characters.
 */
const cueWord = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .refine((w) => !hasBoundary(w), { message: 'a word may not contain punctuation, or spaces other than between English words' });

/**
 * A term: at least two characters. Single characters (火, 停, 电) occur inside far too many
 * unrelated words (消防, 停车, 电梯) to mean anything on their own.
 */
const term = cueWord.refine((w) => w.length >= 2, { message: 'a term needs at least two characters' });

const words = (max: number) => z.array(cueWord).max(max).default([]);

const unique = (list: readonly string[]): boolean => new Set(list).size === list.length;

export const cueScopeSchema = z.enum(['clause', 'sentence']);

export const cueRuleSchema = z
  .object({
    before: words(500),
    after: words(200),
    window: z.number().int().min(0).max(MAX_WINDOW),
    afterWindow: z.number().int().min(0).max(MAX_WINDOW).default(0),
    scope: cueScopeSchema.default('clause'),
    pseudo: words(500),
    overriddenBy: words(200),
  })
  .refine((rule) => rule.before.length + rule.after.length > 0, { message: 'a cue rule needs at least one cue word' });
export type CueRuleData = z.infer<typeof cueRuleSchema>;

export const contextRuleSchema = z.object({
  words: z.array(cueWord).min(1).max(500),
  window: z.number().int().min(0).max(MAX_WINDOW),
  scope: cueScopeSchema.default('clause'),
});

export const emergencyRedirectRuleSchema = z.object({
  number: z.enum(REDIRECT_NUMBERS),
  /** What the operator reads out and the citizen sees, e.g. why 119 and what to do meanwhile. */
  reason: z.string().trim().min(1).max(300),
});

export const urgencyCategorySchema = z
  .object({
    /** Stable id, referenced by matches and by audit records (`fire`, `utility_outage`). */
    id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
    label: z.string().trim().min(1).max(40),
    level: z.enum(URGENCIES),
    redirect: emergencyRedirectRuleSchema.optional(),
    /** Water, power, gas or heating outage: the deadline policy shortens resolution (DESIGN §5). */
    utilitiesOutage: z.boolean().default(false),
    terms: z.array(term).min(1).max(500).refine(unique, { message: 'duplicate term' }),
    excludes: z.array(term).max(500).default([]),
    context: contextRuleSchema.optional(),
    ignoreModifiers: z.array(z.enum(MODIFIER_KINDS)).default([]),
  })
  .superRefine((category, ctx) => {
    if (category.level === 'emergency' && !category.redirect) {
      ctx.addIssue({ code: 'custom', path: ['redirect'], message: 'an emergency must say which number to call' });
    }
    if (category.level !== 'emergency' && category.redirect) {
      ctx.addIssue({ code: 'custom', path: ['redirect'], message: 'only emergencies are redirected' });
    }
    // An exclusion equal to a term would silently switch the term off.
    const terms = new Set(category.terms);
    category.excludes.forEach((word, i) => {
      if (terms.has(word)) ctx.addIssue({ code: 'custom', path: ['excludes', i], message: 'an exclusion may not equal a term' });
    });
  });
export type UrgencyCategory = z.infer<typeof urgencyCategorySchema>;

export const urgencyLexiconSchema = z.object({
  version: z.literal(1),
  /** In order of precedence: when several emergencies match, the first category's number is given. */
  categories: z
    .array(urgencyCategorySchema)
    .min(1)
    .max(100)
    .refine((list) => unique(list.map((c) => c.id)), { message: 'category ids must be unique' }),
  modifiers: z.partialRecord(z.enum(MODIFIER_KINDS), cueRuleSchema).default({}),
});
/** A validated lexicon, with defaults filled in. */
export type UrgencyLexicon = z.infer<typeof urgencyLexiconSchema>;
/** What an admin may submit: optional lists may be left out. */
export type UrgencyLexiconInput = z.input<typeof urgencyLexiconSchema>;
