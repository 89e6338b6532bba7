import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { selectedMenuKey, staffMenuItems } from './nav';

const t = ((key: string) => key) as unknown as TFunction;

/** The staff page paths a user with these roles sees, group by group. */
function pagesFor(roles: string[]): string[] {
  return staffMenuItems(t, roles)
    .flatMap((item) => (item && 'children' in item && Array.isArray(item.children) ? item.children : []))
    .map((child) => String(child?.key))
    .filter((key) => key.startsWith('/'));
}

describe('staff menu by role', () => {
  it('gives each role its own work (DESIGN §2)', () => {
    expect(pagesFor(['operator'])).toEqual(['/queue', '/cases', '/cases/new', '/callbacks', '/sms/held', '/petitions', '/caller-flags']);
    // 督办单 and 督办事项 addressed to their unit (issue 12 §1).
    expect(pagesFor(['handler'])).toEqual(['/workbench', '/cases', '/callbacks', '/supervision/notices', '/supervision/orders']);
    expect(pagesFor(['supervisor'])).toEqual([
      '/cases',
      '/callbacks',
      '/caller-flags',
      '/supervision',
      '/supervision/extensions',
      '/supervision/overdue',
      '/supervision/arbitration',
      '/supervision/notices',
      '/supervision/orders',
      '/stats', '/reports/ranking', '/reports/returns', '/reports/fairness']);
    expect(pagesFor(['official'])).toEqual(['/desk', '/cases', '/callbacks', '/stats', '/reports/ranking', '/reports/returns', '/reports/fairness']);
    expect(pagesFor(['admin'])).toEqual([
      '/queue',
      '/cases',
      '/cases/new',
      '/callbacks',
      '/sms/held',
      '/petitions',
      '/caller-flags',
      '/stats',
      '/reports/ranking',
      '/reports/returns',
      '/reports/fairness',
      '/admin/org',
      '/admin/users',
      '/admin/lines',
      '/admin/deadlines',
      '/admin/calendar',
      '/admin/outbox',
      '/admin/audit',
      '/admin/routing',
      '/admin/kb',
      '/admin/lexicon',
      '/admin/keywords',
      '/admin/rate-limits',
      '/admin/public-intake',
      '/admin/telephony',
      '/admin/open311',
      '/admin/ranking-weights',
      '/admin/categories',
    ]);
  });
});

describe('selectedMenuKey', () => {
  it('highlights the most specific entry', () => {
    expect(selectedMenuKey('/cases/new')).toEqual(['/cases/new']);
    expect(selectedMenuKey('/cases/6f05077d-e511-4c1d-880d-835b81213ac7')).toEqual(['/cases']);
    expect(selectedMenuKey('/supervision/notices')).toEqual(['/supervision/notices']);
    expect(selectedMenuKey('/supervision')).toEqual(['/supervision']);
    expect(selectedMenuKey('/supervision/orders')).toEqual(['/supervision/orders']);
    expect(selectedMenuKey('/stats')).toEqual(['/stats']);
    expect(selectedMenuKey('/nowhere')).toEqual([]);
  });
});
