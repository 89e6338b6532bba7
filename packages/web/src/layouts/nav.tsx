import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { ROLES, type Role } from '@openline/core';

interface StaffPage {
  path: string;
  label: (t: TFunction) => string;
  testId: string;
  /** Roles that see the entry. The server enforces access; this only hides dead ends. */
  roles: readonly Role[];
}

// Only pages that exist are listed; each new staff page adds one line here.
const STAFF_PAGES: StaffPage[] = [{ path: '/cases', label: (t) => t('nav.cases'), testId: 'nav-cases', roles: ROLES }];

type MenuItem = NonNullable<MenuProps['items']>[number];

export function staffMenuItems(t: TFunction, roles: readonly string[]): MenuItem[] {
  const pages = STAFF_PAGES.filter((page) => page.roles.some((role) => roles.includes(role)));
  const newTab = <span className="visually-hidden">{t('nav.opensInNewTab')}</span>;
  return [
    {
      type: 'group',
      key: 'workbench',
      label: t('nav.workbench'),
      children: pages.map((page) => ({
        key: page.path,
        label: (
          <Link to={page.path} data-testid={page.testId}>
            {page.label(t)}
          </Link>
        ),
      })),
    },
    {
      // Citizen-facing pages, opened beside the console so an operator can fill one in for a caller.
      type: 'group',
      key: 'public',
      label: t('nav.publicServices'),
      children: [
        {
          key: 'public-appeal',
          label: (
            <a href="/appeal" target="_blank" rel="noopener">
              {t('nav.publicAppeal')}
              {newTab}
            </a>
          ),
        },
        {
          key: 'public-track',
          label: (
            <a href="/track" target="_blank" rel="noopener">
              {t('nav.publicTrack')}
              {newTab}
            </a>
          ),
        },
      ],
    },
  ];
}

/** The menu key to highlight: the staff page whose path prefixes the current location. */
export function selectedMenuKey(pathname: string): string[] {
  const page = STAFF_PAGES.find((p) => pathname === p.path || pathname.startsWith(`${p.path}/`));
  return page ? [page.path] : [];
}
