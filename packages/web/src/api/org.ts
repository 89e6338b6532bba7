import type { AddedOrgUnit, OrgUnitAliases, OrgUnitList, OrgUnitView } from '@openline/core';
import { request } from './client';

/* The organisation tree: units a user may see (dispatch, filters) and the admin's additions. */

export const ORG_UNIT_KINDS = ['city', 'district', 'department', 'street', 'centre', 'company'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

/** A unit as a user may see it (core's API schema, ADR 0042). */
export type OrgUnit = OrgUnitView;

export async function listOrgUnits(signal?: AbortSignal): Promise<OrgUnit[]> {
  const { items } = await request<OrgUnitList>('GET', '/api/v1/org-units', { signal });
  return items;
}

/** A new unit has no short names yet: the answer leaves them out, the list's shape has them empty. */
export async function createOrgUnit(input: { parentId: string; name: string; kind: OrgUnitKind }): Promise<OrgUnit> {
  const added = await request<AddedOrgUnit>('POST', '/api/v1/admin/org-units', { body: input });
  return { ...added, aliases: [] };
}

export function saveOrgUnitAliases(id: string, aliases: string[]): Promise<OrgUnitAliases> {
  return request('PUT', `/api/v1/admin/org-units/${encodeURIComponent(id)}/aliases`, { body: { aliases } });
}
