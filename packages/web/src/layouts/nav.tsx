import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { ROLES, type Role } from '@openline/core';

type Group = 'work' | 'supervision' | 'figures' | 'admin';

interface StaffPage {
  path: string;
  group: Group;
  label: (t: TFunction) => string;
  /** `nav-<key>` is the entry's test id. */
  key: string;
  /** Roles that see the entry. The server enforces access; this only hides dead ends. */
  roles: readonly Role[];
}

// Each staff page adds one line here; the order is the menu's order within its group.
const STAFF_PAGES: StaffPage[] = [
  { path: '/desk', group: 'work', key: 'desk', label: (t) => t('desk.nav'), roles: ['official'] },
  { path: '/queue', group: 'work', key: 'operator-queue', label: (t) => t('queue.nav'), roles: ['operator', 'admin'] },
  { path: '/workbench', group: 'work', key: 'workbench', label: (t) => t('nav.myQueue'), roles: ['handler'] },
  { path: '/cases', group: 'work', key: 'cases', label: (t) => t('nav.cases'), roles: ROLES },
  { path: '/cases/new', group: 'work', key: 'new-case', label: (t) => t('nav.newCase'), roles: ['operator', 'admin'] },
  { path: '/callbacks', group: 'work', key: 'callbacks', label: (t) => t('callbacks.nav'), roles: ['official', 'operator', 'handler', 'supervisor', 'admin'] },
  { path: '/sms/held', group: 'work', key: 'held-sms', label: (t) => t('nav.heldSms'), roles: ['operator', 'admin'] },
  { path: '/petitions', group: 'work', key: 'petitions', label: (t) => t('petitions.nav'), roles: ['operator', 'admin'] },
  // The hotline centre's (ADR 0036); a department's supervisor is refused by the server.
  { path: '/caller-flags', group: 'work', key: 'caller-flags', label: (t) => t('callerFlags.nav'), roles: ['operator', 'supervisor', 'admin'] },
  { path: '/supervision', group: 'supervision', key: 'supervisor-home', label: (t) => t('nav.supervisorHome'), roles: ['supervisor'] },
  { path: '/supervision/extensions', group: 'supervision', key: 'extensions', label: (t) => t('nav.extensions'), roles: ['supervisor'] },
  { path: '/supervision/overdue', group: 'supervision', key: 'overdue', label: (t) => t('nav.overdue'), roles: ['supervisor'] },
  { path: '/supervision/arbitration', group: 'supervision', key: 'arbitration', label: (t) => t('nav.arbitration'), roles: ['supervisor'] },
  // Handlers sign for the notices and answer the orders addressed to their unit (issue 12 §1).
  { path: '/supervision/notices', group: 'supervision', key: 'notices', label: (t) => t('nav.notices'), roles: ['supervisor', 'handler'] },
  { path: '/supervision/orders', group: 'supervision', key: 'orders', label: (t) => t('nav.orders'), roles: ['supervisor', 'handler'] },
  { path: '/stats', group: 'figures', key: 'stats', label: (t) => t('dashboard.nav'), roles: ['supervisor', 'admin', 'official'] },
  { path: '/reports/ranking', group: 'figures', key: 'ranking', label: (t) => t('nav.ranking'), roles: ['supervisor', 'admin', 'official'] },
  { path: '/reports/returns', group: 'figures', key: 'returns-report', label: (t) => t('nav.returnsReport'), roles: ['supervisor', 'admin', 'official'] },
  { path: '/reports/fairness', group: 'figures', key: 'fairness', label: (t) => t('nav.fairness'), roles: ['supervisor', 'admin', 'official'] },
  { path: '/admin/org', group: 'admin', key: 'admin-org', label: (t) => t('nav.adminOrg'), roles: ['admin'] },
  { path: '/admin/users', group: 'admin', key: 'admin-users', label: (t) => t('nav.adminUsers'), roles: ['admin'] },
  { path: '/admin/lines', group: 'admin', key: 'admin-lines', label: (t) => t('nav.adminLines'), roles: ['admin'] },
  { path: '/admin/deadlines', group: 'admin', key: 'admin-deadlines', label: (t) => t('nav.adminDeadlines'), roles: ['admin'] },
  { path: '/admin/calendar', group: 'admin', key: 'admin-calendar', label: (t) => t('nav.adminCalendar'), roles: ['admin'] },
  { path: '/admin/outbox', group: 'admin', key: 'admin-outbox', label: (t) => t('nav.adminOutbox'), roles: ['admin'] },
  { path: '/admin/audit', group: 'admin', key: 'admin-audit', label: (t) => t('nav.adminAudit'), roles: ['admin'] },
  { path: '/admin/routing', group: 'admin', key: 'admin-routing', label: (t) => t('nav.adminRouting'), roles: ['admin'] },
  { path: '/admin/kb', group: 'admin', key: 'admin-kb', label: (t) => t('nav.adminKb'), roles: ['admin'] },
  { path: '/admin/lexicon', group: 'admin', key: 'admin-lexicon', label: (t) => t('nav.adminLexicon'), roles: ['admin'] },
  { path: '/admin/keywords', group: 'admin', key: 'admin-keywords', label: (t) => t('nav.adminKeywords'), roles: ['admin'] },
  { path: '/admin/rate-limits', group: 'admin', key: 'admin-rate-limits', label: (t) => t('nav.adminRateLimits'), roles: ['admin'] },
  { path: '/admin/public-intake', group: 'admin', key: 'admin-public-intake', label: (t) => t('nav.adminPublicIntake'), roles: ['admin'] },
  { path: '/admin/telephony', group: 'admin', key: 'admin-telephony', label: (t) => t('nav.adminTelephony'), roles: ['admin'] },
  { path: '/admin/open311', group: 'admin', key: 'admin-open311', label: (t) => t('nav.adminOpen311'), roles: ['admin'] },
  { path: '/admin/ranking-weights', group: 'admin', key: 'admin-ranking-weights', label: (t) => t('nav.adminRankingWeights'), roles: ['admin'] },
  { path: '/admin/categories', group: 'admin', key: 'admin-categories', label: (t) => t('categories.nav'), roles: ['admin'] },
];

const GROUP_LABEL: Record<Group, (t: TFunction) => string> = {
  work: (t) => t('nav.workbench'),
  supervision: (t) => t('nav.supervision'),
  figures: (t) => t('nav.figures'),
  admin: (t) => t('nav.admin'),
};

// Citizen-facing pages, opened beside the console so an operator can read or fill one in for a caller.
const PUBLIC_PAGES = [
  { href: '/lines', key: 'public-lines', label: (t: TFunction) => t('nav.publicLines') },
  { href: '/appeal', key: 'public-appeal', label: (t: TFunction) => t('nav.publicAppeal') },
  { href: '/track', key: 'public-track', label: (t: TFunction) => t('nav.publicTrack') },
];

type MenuItem = NonNullable<MenuProps['items']>[number];

export function staffMenuItems(t: TFunction, roles: readonly string[]): MenuItem[] {
  const pages = STAFF_PAGES.filter((page) => page.roles.some((role) => roles.includes(role)));
  const groups = (Object.keys(GROUP_LABEL) as Group[])
    .map((group) => ({ group, pages: pages.filter((page) => page.group === group) }))
    .filter(({ pages: inGroup }) => inGroup.length > 0);
  const newTab = <span className="visually-hidden">{t('nav.opensInNewTab')}</span>;
  return [
    ...groups.map(({ group, pages: inGroup }) => ({
      type: 'group' as const,
      key: group,
      label: GROUP_LABEL[group](t),
      children: inGroup.map((page) => ({
        key: page.path,
        label: (
          <Link to={page.path} data-testid={`nav-${page.key}`}>
            {page.label(t)}
          </Link>
        ),
      })),
    })),
    {
      type: 'group',
      key: 'public',
      label: t('nav.publicServices'),
      children: PUBLIC_PAGES.map((page) => ({
        key: page.key,
        label: (
          <a href={page.href} target="_blank" rel="noopener" data-testid={`nav-${page.key}`}>
            {page.label(t)}
            {newTab}
          </a>
        ),
      })),
    },
  ];
}

/** The menu key to highlight: the staff page whose path is the longest prefix of the location. */
export function selectedMenuKey(pathname: string): string[] {
  const matches = STAFF_PAGES.filter((p) => pathname === p.path || pathname.startsWith(`${p.path}/`));
  const best = matches.sort((a, b) => b.path.length - a.path.length)[0];
  return best ? [best.path] : [];
}
