import { describe, expect, it } from 'vitest';
import { coHandlingInput, coHandlingRefusal } from './co-handling.js';

describe('co-handling', () => {
  it('lets a co-unit record its part only while the case is with the departments', () => {
    expect(coHandlingRefusal('dispatched')).toBeNull();
    expect(coHandlingRefusal('accepted')).toBeNull();
    expect(coHandlingRefusal('in_progress')).toBeNull();
    expect(coHandlingRefusal('received')).toBe('NOT_WITH_DEPARTMENT');
    expect(coHandlingRefusal('replied')).toBe('NOT_WITH_DEPARTMENT');
    expect(coHandlingRefusal('closed')).toBe('NOT_WITH_DEPARTMENT');
  });

  it('takes a kind and a text of a paragraph', () => {
    expect(coHandlingInput.safeParse({ kind: 'share', text: '已清理绿化带，占道问题由城管牵头答复。' }).success).toBe(true);
    expect(coHandlingInput.safeParse({ kind: 'reply', text: '已处理。' }).success).toBe(false);
    expect(coHandlingInput.safeParse({ kind: 'progress', text: ' ' }).success).toBe(false);
  });
});
