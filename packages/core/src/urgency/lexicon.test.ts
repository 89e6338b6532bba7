import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { defaultUrgencyLexicon } from './default-lexicon.js';
import { CompiledUrgencyLexicon, compileUrgencyLexicon, detectUrgency } from './detect.js';
import { urgencyLexiconSchema, type UrgencyLexiconInput } from './lexicon.js';

const custom = (): UrgencyLexiconInput => ({
  version: 1,
  categories: [
    {
      id: 'flood',
      label: '洪水',
      level: 'emergency',
      redirect: { number: '119', reason: '洪水请拨打119' },
      terms: ['发洪水', '决堤'],
      excludes: ['决堤演练'],
    },
    { id: 'dog_bite', label: '被狗咬', level: 'urgent', terms: ['被狗咬', 'SOS'] },
  ],
  modifiers: { negation: { before: ['没'], window: 0 } },
});

describe('default lexicon', () => {
  it('is valid and every emergency names a number and a reason', () => {
    const lexicon = defaultUrgencyLexicon();
    expect(urgencyLexiconSchema.parse(lexicon)).toEqual(lexicon);
    for (const category of lexicon.categories.filter((c) => c.level === 'emergency')) {
      expect(category.redirect?.reason.length).toBeGreaterThan(5);
    }
    expect(lexicon.categories.filter((c) => c.utilitiesOutage).map((c) => c.id)).toEqual([
      'utility_outage_widespread',
      'utility_outage',
    ]);
  });

  it('is a fresh copy each time, so an admin edit touches only its own copy', () => {
    const edited = defaultUrgencyLexicon();
    edited.categories[0]?.terms.push('火烧眉毛');
    expect(defaultUrgencyLexicon().categories[0]?.terms).not.toContain('火烧眉毛');
    expect(detectUrgency('火烧眉毛').level).toBe('normal');
    expect(detectUrgency('火烧眉毛', edited).level).toBe('emergency');
  });
});

describe('a custom lexicon', () => {
  it('replaces the default entirely, raw or compiled', () => {
    const compiled = compileUrgencyLexicon(custom());
    expect(compiled).toBeInstanceOf(CompiledUrgencyLexicon);
    for (const lexicon of [custom(), compiled]) {
      expect(detectUrgency('河边决堤了', lexicon)).toMatchObject({
        level: 'emergency',
        redirect: { number: '119', reason: '洪水请拨打119', category: 'flood' },
      });
      expect(detectUrgency('孩子被狗咬了', lexicon).level).toBe('urgent');
      expect(detectUrgency('楼下着火了', lexicon).level).toBe('normal');
    }
  });

  it('applies its own exclusions and cues, and only those', () => {
    const compiled = compileUrgencyLexicon(custom());
    expect(detectUrgency('没决堤', compiled).suppressed.map((s) => s.reason)).toEqual(['negation']);
    expect(detectUrgency('没有决堤', compiled).level).toBe('emergency');
    expect(detectUrgency('组织决堤演练', compiled).suppressed.map((s) => s.reason)).toEqual(['excluded']);
    expect(detectUrgency('如果决堤', compiled).level).toBe('emergency');
  });

  it('matches Latin terms regardless of case and width', () => {
    expect(detectUrgency('sos at the park', compileUrgencyLexicon(custom())).level).toBe('urgent');
    expect(detectUrgency('ｓＯｓ', compileUrgencyLexicon(custom())).level).toBe('urgent');
  });

  it('gates a category on context words', () => {
    const lexicon = custom();
    lexicon.categories[1] = { ...lexicon.categories[1]!, context: { words: ['孩子', '老人'], window: 3 } };
    const compiled = compileUrgencyLexicon(lexicon);
    expect(detectUrgency('孩子被狗咬了', compiled).level).toBe('urgent');
    expect(detectUrgency('我被狗咬了', compiled).suppressed.map((s) => s.reason)).toEqual(['no_context']);
    expect(detectUrgency('孩子，被狗咬了', compiled).level).toBe('normal');
  });
});

describe('the schema rejects lexicons the detector cannot trust', () => {
  type Edit = (lexicon: UrgencyLexiconInput) => unknown;
  const category = (l: UrgencyLexiconInput) => l.categories[0]!;
  const bad: [string, Edit][] = [
    ['a single-character term', (l) => category(l).terms.push('火')],
    ['a term with punctuation', (l) => category(l).terms.push('着火，了')],
    ['a term with a space between Chinese words (spaces end clauses there)', (l) => category(l).terms.push('狗 咬人')],
    ['a term with two spaces between words', (l) => category(l).terms.push('dog  bite')],
    ['a duplicate term', (l) => category(l).terms.push('决堤')],
    ['an exclusion equal to a term', (l) => (category(l).excludes = ['决堤'])],
    ['an emergency without a number', (l) => delete category(l).redirect],
    ['a redirect on an urgent matter', (l) => (l.categories[1]!.redirect = { number: '110', reason: 'x' })],
    ['an unknown number', (l) => (category(l).redirect = { number: '911' as '110', reason: 'x' })],
    ['an empty reason', (l) => (category(l).redirect = { number: '110', reason: ' ' })],
    ['a duplicate category id', (l) => (l.categories[1]!.id = 'flood')],
    ['an id with capitals', (l) => (category(l).id = 'Flood')],
    ['an unknown level', (l) => (category(l).level = 'critical' as 'urgent')],
    ['no terms', (l) => (category(l).terms = [])],
    ['no categories', (l) => (l.categories = [])],
    ['a window out of range', (l) => (l.modifiers = { negation: { before: ['没'], window: 500 } })],
    ['a cue rule without cues', (l) => (l.modifiers = { past: { window: 3 } })],
    ['an unknown modifier to ignore', (l) => (category(l).ignoreModifiers = ['sarcasm' as 'past'])],
    ['a wrong version', (l) => ((l as { version: number }).version = 2)],
  ];

  it.each(bad)('%s', (_name, edit) => {
    const lexicon = custom();
    edit(lexicon);
    expect(urgencyLexiconSchema.safeParse(lexicon).success).toBe(false);
    expect(() => compileUrgencyLexicon(lexicon)).toThrow(ZodError);
  });

  it('accepts the unedited custom lexicon', () => {
    expect(urgencyLexiconSchema.safeParse(custom()).success).toBe(true);
  });
});
