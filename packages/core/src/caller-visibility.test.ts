import { describe, expect, it } from 'vitest';
import { callerVisibility, mayKnowProtectedCaller } from './caller-visibility.js';

const at = (orgUnitKind: string, ...roles: string[]) => ({ roles, orgUnitKind });

describe('caller visibility', () => {
  it('lets only the hotline centre operators see a protected reporter, and reveal them', () => {
    expect(callerVisibility(true, at('centre', 'operator'))).toBe('revealable');
    expect(mayKnowProtectedCaller(at('centre', 'operator', 'admin'))).toBe(true);
  });

  it.each([
    ['a handler of the receiving unit', at('department', 'handler')],
    ['a supervisor of the receiving unit', at('department', 'supervisor')],
    ['the hotline centre supervisor', at('centre', 'supervisor')],
    ['an official', at('city', 'official')],
    ['an admin of the tree', at('city', 'admin')],
    ['an admin sitting in the centre', at('centre', 'admin')],
    ['an operator placed in a department', at('department', 'operator')],
    ['an integration acting as a centre operator', { ...at('centre', 'operator'), viaApiToken: true }],
    ['a user with no role', at('centre')],
  ])('hides a protected reporter entirely from %s', (_who, viewer) => {
    expect(callerVisibility(true, viewer)).toBe('hidden');
  });

  it('keeps ordinary callers masked for everyone and revealable for those who call back', () => {
    expect(callerVisibility(false, at('department', 'handler'))).toBe('revealable');
    expect(callerVisibility(false, at('department', 'supervisor'))).toBe('revealable');
    expect(callerVisibility(false, at('department', 'operator'))).toBe('revealable');
    expect(callerVisibility(false, at('city', 'official'))).toBe('masked');
    expect(callerVisibility(false, at('city', 'admin'))).toBe('masked');
  });
});
