import { describe, expect, it } from 'vitest';
import type { LexiconCategory, UrgencyLexicon } from '../api/lexicon';
import { describeDetailPath, editOf, parseLexicon, withEdit } from './lexicon';

const fire: LexiconCategory = {
  id: 'fire',
  label: '火灾',
  level: 'emergency',
  terms: ['着火', '起火'],
  excludes: [],
  utilitiesOutage: false,
  ignoreModifiers: ['negation'],
  redirect: { number: '119', reason: '请立即拨打 119' },
  context: { words: ['楼'], window: 4, scope: 'clause' },
};
const lexicon: UrgencyLexicon = { version: 1, categories: [fire], modifiers: { negation: { before: ['没'], window: 2 } } };

describe('category edits', () => {
  it('keeps every field the editor does not touch', () => {
    const edited = withEdit(fire, { ...editOf(fire), terms: ['着火', '冒烟 '], excludes: ['火锅'] });
    expect(edited).toEqual({ ...fire, terms: ['着火', '冒烟'], excludes: ['火锅'] });
  });
  it('drops the redirect when none is chosen', () => {
    const edited = withEdit(fire, { ...editOf(fire), level: 'urgent', redirectNumber: null });
    expect(edited).not.toHaveProperty('redirect');
    expect(edited.context).toEqual(fire.context);
  });
});

describe('raw JSON', () => {
  it('parses a lexicon and refuses other JSON', () => {
    expect(parseLexicon(JSON.stringify(lexicon))).toEqual(lexicon);
    expect(() => parseLexicon('[]')).toThrow();
    expect(() => parseLexicon('{')).toThrow();
  });
});

describe('describeDetailPath', () => {
  it('names the category a detail is about', () => {
    expect(describeDetailPath(lexicon, ['lexicon', 'categories', 0, 'terms', 1])).toBe('火灾（fire） › terms › 1');
    expect(describeDetailPath(lexicon, 'modifiers.negation')).toBe('modifiers › negation');
  });
});
