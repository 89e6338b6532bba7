import { describe, expect, it } from 'vitest';
import { personNameIndexInput, personNameKey } from './person-name.js';

describe('personNameKey', () => {
  it('makes the usual spellings of one name meet', () => {
    expect(personNameKey('张三')).toBe('张三');
    expect(personNameKey(' 张 三 ')).toBe('张三');
    expect(personNameKey('阿依古丽·买买提')).toBe(personNameKey('阿依古丽买买提'));
    expect(personNameKey('阿依古丽・买买提')).toBe('阿依古丽买买提');
    expect(personNameKey('Li  Wei')).toBe(personNameKey('li wei'));
    expect(personNameKey('ＬＩ Ｗｅｉ')).toBe('liwei');
  });
  it('keeps different names apart, including a surname against a full name', () => {
    expect(personNameKey('张三')).not.toBe(personNameKey('张'));
    expect(personNameKey('张三')).not.toBe(personNameKey('张三丰'));
  });
  it('answers null for nothing but separators', () => {
    expect(personNameKey('  ·  ')).toBeNull();
    expect(personNameIndexInput('')).toBeNull();
  });
  it('prefixes the index input so a name never shares an index with a phone number', () => {
    expect(personNameIndexInput('13812345678')).toBe('name:13812345678');
  });
});
