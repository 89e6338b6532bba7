import type { StaffAccount, StaffAccountList } from '@openline/core';
import { request } from './client';

/* Staff accounts, managed by administrators. */

/** A staff account as the admin manages it (core's API schema, ADR 0042). */
export type AdminUser = StaffAccount;

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  roles: string[];
  orgUnitId: string;
}

export type UserChanges = Partial<Pick<AdminUser, 'displayName' | 'roles' | 'orgUnitId' | 'status'>> & { password?: string };

export async function listUsers(signal?: AbortSignal): Promise<AdminUser[]> {
  const { items } = await request<StaffAccountList>('GET', '/api/v1/admin/users', { signal });
  return items;
}

export function createUser(input: NewUserInput): Promise<AdminUser> {
  return request<AdminUser>('POST', '/api/v1/admin/users', { body: input });
}

export function updateUser(id: string, changes: UserChanges): Promise<AdminUser> {
  return request<AdminUser>('PATCH', `/api/v1/admin/users/${encodeURIComponent(id)}`, { body: changes });
}
