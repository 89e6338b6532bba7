import { request } from './client';

/* The organisation tree: units a user may see (dispatch, filters) and the admin's additions. */

export const ORG_UNIT_KINDS = ['city', 'district', 'department', 'street', 'centre', 'company'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export interface OrgUnit {
  id: string;
  parentId: string | null;
  name: string;
  kind: string;
  /** Short names residents use (住建局); absent from an add's answer. */
  aliases?: string[];
}

export async function listOrgUnits(signal?: AbortSignal): Promise<OrgUnit[]> {
  const { items } = await request<{ items: OrgUnit[] }>('GET', '/api/v1/org-units', { signal });
  return items;
}

export function createOrgUnit(input: { parentId: string; name: string; kind: OrgUnitKind }): Promise<OrgUnit> {
  return request<OrgUnit>('POST', '/api/v1/admin/org-units', { body: input });
}

export function saveOrgUnitAliases(id: string, aliases: string[]): Promise<{ id: string; aliases: string[] }> {
  return request('PUT', `/api/v1/admin/org-units/${encodeURIComponent(id)}/aliases`, { body: { aliases } });
}
