// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AdminUser } from '../../../api/users';
import { renderScreen, serverGet, useRealServer } from '../../../test/server';
import UsersPage from './UsersPage';

/** The table row of `username`, once the list has loaded. */
async function rowOf(username: string): Promise<HTMLElement> {
  const cell = await screen.findByText(username, { selector: 'span.mono' });
  const row = cell.closest('tr');
  if (!row) throw new Error(`no row for ${username}`);
  return row;
}

async function statusOf(username: string): Promise<string | undefined> {
  const { items } = await serverGet<{ items: AdminUser[] }>('/api/v1/admin/users');
  return items.find((user) => user.username === username)?.status;
}

beforeEach(() => {
  useRealServer();
});

// Disabling and enabling are mutations now: the row must change because the list was
// invalidated and read again from the server, with no reload flag.
describe('users page (用户管理)', () => {
  it('disables an account after confirmation and enables it again, the list following the server', async () => {
    await renderScreen(<UsersPage />);
    const row = await rowOf('team-handler');
    const disable = row.querySelector<HTMLElement>('[data-testid="user-disable"]');
    if (!disable) throw new Error('no disable button');
    fireEvent.click(disable);
    // antd's Popconfirm: the confirmation's OK button (antd's own English, no locale given).
    fireEvent.click(await screen.findByRole('button', { name: 'OK' }));

    await waitFor(async () => expect((await rowOf('team-handler')).querySelector('[data-testid="user-enable"]')).not.toBeNull());
    expect(await statusOf('team-handler')).toBe('disabled');
    expect((await rowOf('team-handler')).textContent).toContain('已停用');

    const enable = (await rowOf('team-handler')).querySelector<HTMLElement>('[data-testid="user-enable"]');
    if (!enable) throw new Error('no enable button');
    fireEvent.click(enable);
    await waitFor(async () => expect((await rowOf('team-handler')).querySelector('[data-testid="user-disable"]')).not.toBeNull());
    expect(await statusOf('team-handler')).toBe('active');
  });

  it('does not offer to disable the signed-in admin', async () => {
    await renderScreen(<UsersPage />);
    const own = await rowOf('admin');
    expect(own.querySelector('[data-testid="user-disable"]')).toBeNull();
    expect(own.querySelector('[data-testid="user-edit"]')).not.toBeNull();
  });
});
