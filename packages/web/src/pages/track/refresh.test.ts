import { describe, expect, it } from 'vitest';
import { PROCESSING_REFRESH_MS, PROCESSING_REFRESH_TIMES, processingRefreshInterval } from './refresh';

describe('processingRefreshInterval', () => {
  it('looks again while the case number is being generated', () => {
    expect(processingRefreshInterval('processing', 1)).toBe(PROCESSING_REFRESH_MS);
  });

  it('stops once the appeal has a case of its own or joined another', () => {
    expect(processingRefreshInterval('case', 1)).toBe(false);
    expect(processingRefreshInterval('merged', 1)).toBe(false);
    expect(processingRefreshInterval(undefined, 0)).toBe(false);
  });

  it('stops after a few tries, so a long backlog is not polled forever', () => {
    expect(processingRefreshInterval('processing', PROCESSING_REFRESH_TIMES)).toBe(PROCESSING_REFRESH_MS);
    expect(processingRefreshInterval('processing', PROCESSING_REFRESH_TIMES + 1)).toBe(false);
  });
});
