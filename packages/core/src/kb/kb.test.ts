import { describe, expect, it } from 'vitest';
import { stripCallerSpeech } from './caller-speech.js';
import { buildKbIndex, rankArticles, termRanges } from './rank.js';
import { textTerms } from './terms.js';

const doc = (id: string, question: string, answer = '', tags: string[] = []) => ({ id, question, answer, tags });

describe('caller speech', () => {
  it('cuts greetings, question words and particles, longest first, keeping the words apart', () => {
    expect(stripCallerSpeech('我想问一下办理居住证需要带什么材料').split(/\s+/).filter(Boolean)).toEqual(['办理居住证', '带', '材料']);
    expect(stripCallerSpeech('了解一下')).toBe(' ');
    // Content words that contain a filler character stay whole.
    expect(stripCallerSpeech('申请有线电视')).toBe('申请有线电视');
  });
});

describe('terms', () => {
  it('makes bigrams, single characters and whole Latin words, folding full-width forms', () => {
    expect(textTerms('请问ＡＰＰ怎么下载')).toEqual({ bigrams: ['下载'], unigrams: ['下', '载'], words: ['app'] });
    expect(textTerms('我想问一下')).toEqual({ bigrams: [], unigrams: [], words: [] });
  });
});

describe('ranking', () => {
  const index = buildKbIndex([
    doc('juzhu', '居住证办理需要什么材料？', '携带身份证和租房合同到派出所办理。', ['居住证']),
    doc('shebao', '社保卡丢失如何补办？', '携带身份证到社保网点办理。', ['社保卡']),
    doc('dog', '养狗需要登记吗？', '到派出所办理犬只登记。', ['养犬']),
  ]);

  it("finds a caller's whole sentence, which a phrase search could not", () => {
    const [first] = rankArticles(index, '我想问一下办理居住证需要带什么材料', 3);
    expect(first?.id).toBe('juzhu');
    expect(first?.matched).toEqual(expect.arrayContaining(['居住', '住证', '材料', '办理']));
  });

  it('prefers the article whose question names the subject over one that only mentions it', () => {
    const ranked = rankArticles(index, '身份证', 3).map((r) => r.id);
    expect(ranked.slice(0, 2).sort()).toEqual(['juzhu', 'shebao']);
    expect(rankArticles(index, '社保卡不见了', 3)[0]?.id).toBe('shebao');
  });

  it('needs a shared bigram unless the query is single characters, and is stable on ties', () => {
    expect(rankArticles(index, '钢琴调音', 3)).toEqual([]);
    expect(rankArticles(index, '狗', 3).map((r) => r.id)).toEqual(['dog']);
    expect(rankArticles(index, '派出所', 3).map((r) => r.id)).toEqual(rankArticles(index, '派出所', 3).map((r) => r.id));
    expect(rankArticles(buildKbIndex([]), '居住证', 3)).toEqual([]);
  });

  it('highlights matched terms, merging overlaps', () => {
    expect(termRanges('居住证办理需要什么材料？', ['居住', '住证', '材料'])).toEqual([[0, 3], [9, 11]]);
    expect(termRanges('APP下载', ['app'])).toEqual([[0, 3]]);
  });
});
