import { describe, expect, it } from 'vitest';
import { loginPath, safeNextPath } from './redirect';

describe('safeNextPath', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeNextPath('/cases?page=2')).toBe('/cases?page=2');
  });

  it.each([null, '', 'cases', '//evil.example/x', '/\\evil.example', 'https://evil.example'])(
    'falls back for %s, so login is never an open redirect',
    (next) => {
      expect(safeNextPath(next)).toBe('/cases');
    },
  );

  it('never sends the user back to the login page itself', () => {
    expect(safeNextPath('/login?next=/cases')).toBe('/cases');
  });
});

describe('loginPath', () => {
  it('round-trips the path through the query string', () => {
    const url = new URL(loginPath('/cases?page=2&pageSize=50'), 'http://x');
    expect(url.pathname).toBe('/login');
    expect(url.searchParams.get('next')).toBe('/cases?page=2&pageSize=50');
  });
});
