import { describe, expect, it } from 'vitest';
import { homePath } from './home';

describe('homePath', () => {
  it('sends handlers to their queue', () => {
    expect(homePath(['handler'])).toBe('/workbench');
  });

  it('sends officials to their desk, also one who handles or supervises too', () => {
    expect(homePath(['official'])).toBe('/desk');
    expect(homePath(['official', 'handler'])).toBe('/desk');
    expect(homePath(['official', 'supervisor'])).toBe('/desk');
  });

  it('sends everyone else, and operators who also handle, to the case list', () => {
    expect(homePath(['operator'])).toBe('/cases');
    expect(homePath(['supervisor'])).toBe('/cases');
    expect(homePath(['admin'])).toBe('/cases');
    expect(homePath(['operator', 'handler'])).toBe('/cases');
    expect(homePath(['operator', 'official'])).toBe('/cases');
  });
});
