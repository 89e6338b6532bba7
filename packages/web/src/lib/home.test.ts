import { describe, expect, it } from 'vitest';
import { homePath } from './home';

describe('homePath', () => {
  it('sends handlers to their queue', () => {
    expect(homePath(['handler'])).toBe('/workbench');
  });

  it('sends everyone else, and operators who also handle, to the case list', () => {
    expect(homePath(['operator'])).toBe('/cases');
    expect(homePath(['supervisor'])).toBe('/cases');
    expect(homePath(['operator', 'handler'])).toBe('/cases');
  });
});
