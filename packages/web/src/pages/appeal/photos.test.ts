import { describe, expect, it } from 'vitest';
import { pickPhotos } from './photos';

const LIMITS = { count: 3, bytes: 1000 };
const file = (name: string, type = 'image/jpeg', size = 500) => ({ name, type, size });

describe('pickPhotos', () => {
  it('keeps images within the limits, in order', () => {
    const r = pickPhotos([file('a.jpg')], [file('b.png', 'image/png'), file('c.heic', 'image/heic')], LIMITS);
    expect(r.files.map((f) => f.name)).toEqual(['a.jpg', 'b.png', 'c.heic']);
    expect(r.problem).toBeNull();
  });

  it('drops what is not an image or too large, and says which', () => {
    const pdf = pickPhotos([], [file('scan.pdf', 'application/pdf'), file('ok.jpg')], LIMITS);
    expect(pdf.files.map((f) => f.name)).toEqual(['ok.jpg']);
    expect(pdf.problem).toEqual({ key: 'attachments.notImage', name: 'scan.pdf' });
    const big = pickPhotos([], [file('big.jpg', 'image/jpeg', 1001)], LIMITS);
    expect(big.files).toEqual([]);
    expect(big.problem).toEqual({ key: 'attachments.tooLarge', name: 'big.jpg' });
  });

  it('stops at the count and says so', () => {
    const r = pickPhotos([file('a'), file('b')], [file('c'), file('d')], LIMITS);
    expect(r.files.map((f) => f.name)).toEqual(['a', 'b', 'c']);
    expect(r.problem).toEqual({ key: 'attachments.tooMany' });
  });
});
