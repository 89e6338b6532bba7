import { formatW3cDateTime, parseW3cDateTime, requestWindow, type CaseStatus } from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { findDefaultJurisdiction, type Jurisdiction } from '../jurisdictions/repository.js';
import { enforcePublicLimit } from '../limits/service.js';
import { categoriesOf } from '../categories/service.js';
import { findService, servicesOf } from './catalogue.js';
import { isAttachedRequestId } from './ids.js';
import { presentAttributes, presentRequest, presentService, type Open311Attribute, type Open311Request, type Open311Service } from './presenter.js';
import * as repo from './repository.js';

/** Most requests one GET answers (the specification lets a server cap it; 1,000 is common). */
export const OPEN311_MAX_REQUESTS = 1000;
/** Most ids one `service_request_id` list may name. */
const MAX_IDS = 200;
/** When this server's GeoReport v2 interface last changed (discovery's `changeset`): clients re-read on a change. */
export const OPEN311_CHANGESET = '2026-12-05T00:00:00Z';

/**
 * The jurisdiction a request names: `jurisdiction_id` is the jurisdiction's code; absent or
 * empty (FixMyStreet sends it empty when its body has none configured) means the deployment's
 * own, the first jurisdiction (as every public endpoint, jurisdictions/repository.ts).
 */
export async function resolveJurisdiction(ctx: AppContext, code: string | undefined): Promise<Jurisdiction> {
  const wanted = code?.trim();
  const found = wanted ? await repo.findJurisdictionByCode(ctx.db, wanted) : await findDefaultJurisdiction(ctx.db);
  if (!found) throw new AppError('NOT_FOUND', wanted ? `jurisdiction_id ${wanted} is not served here` : 'No jurisdiction is set up yet');
  return found;
}

export interface Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  jurisdiction_id: string;
  jurisdiction_name: string;
  endpoints: Array<{ specification: string; url: string; changeset: string; type: 'production'; formats: string[] }>;
}

export async function discovery(ctx: AppContext, o: { baseUrl: string; jurisdictionCode?: string | undefined; ip: string }): Promise<Discovery> {
  await enforcePublicLimit(ctx, { scope: 'publicDataPerAddress', key: o.ip });
  const j = await resolveJurisdiction(ctx, o.jurisdictionCode);
  return {
    changeset: OPEN311_CHANGESET,
    contact: `${j.name}（12345 热线）`,
    key_service: `API keys are issued by the administrators of ${j.name} (Openline console: Open311 keys).`,
    jurisdiction_id: j.code,
    jurisdiction_name: j.name,
    endpoints: [{
      specification: 'http://wiki.open311.org/GeoReport_v2', url: `${o.baseUrl}/open311/v2`, changeset: OPEN311_CHANGESET, type: 'production',
      formats: ['text/xml', 'application/json'],
    }],
  };
}

export async function listServices(ctx: AppContext, o: { jurisdictionCode?: string | undefined; ip: string }): Promise<Open311Service[]> {
  await enforcePublicLimit(ctx, { scope: 'publicDataPerAddress', key: o.ip });
  const j = await resolveJurisdiction(ctx, o.jurisdictionCode);
  return (await servicesOf(ctx, j.id)).map(presentService);
}

export async function serviceDefinition(
  ctx: AppContext,
  o: { jurisdictionCode?: string | undefined; code: string; ip: string },
): Promise<{ service_code: string; attributes: Open311Attribute[] }> {
  await enforcePublicLimit(ctx, { scope: 'publicDataPerAddress', key: o.ip });
  const j = await resolveJurisdiction(ctx, o.jurisdictionCode);
  const service = await findService(ctx, j.id, o.code);
  if (!service) throw new AppError('NOT_FOUND', `service_code ${o.code} is not a service here`);
  return { service_code: service.category.code, attributes: presentAttributes(service.attributes) };
}

export interface RequestQuery {
  jurisdictionCode?: string | undefined;
  serviceRequestIds?: string | undefined;
  serviceCodes?: string | undefined;
  startDate?: string | undefined;
  endDate?: string | undefined;
  statuses?: string | undefined;
  limit?: number | undefined;
  ip: string;
}

const list = (raw: string | undefined): string[] => (raw ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
const badRequest = (description: string): AppError => new AppError('BAD_REQUEST', description);

/**
 * GET requests. `service_request_id` (comma-separated) overrides every other filter, as the
 * specification says; otherwise `service_code`, `status` (open, closed) and the period, by
 * default the last 90 days, newest first, at most `limit` (≤ 1,000).
 */
export async function listRequests(ctx: AppContext, q: RequestQuery): Promise<Open311Request[]> {
  await enforcePublicLimit(ctx, { scope: 'publicDataPerAddress', key: q.ip });
  const j = await resolveJurisdiction(ctx, q.jurisdictionCode);
  const services = await servicesByCategory(ctx, j.id);
  const ids = list(q.serviceRequestIds);
  if (ids.length > MAX_IDS) throw badRequest(`service_request_id names more than ${MAX_IDS} requests`);
  if (ids.length > 0) return requestsByIds(ctx, j.id, ids, services);

  const statuses = list(q.statuses).map((s) => s.toLowerCase());
  if (statuses.some((s) => s !== 'open' && s !== 'closed')) throw badRequest('status must be open or closed');
  const start = q.startDate ? parseW3cDateTime(q.startDate) : undefined;
  const end = q.endDate ? parseW3cDateTime(q.endDate) : undefined;
  if (start === null) throw badRequest('start_date is not a W3C date-time');
  if (end === null) throw badRequest('end_date is not a W3C date-time');
  const window = requestWindow({ start, end, now: new Date() });
  if (!window.ok) throw badRequest(window.reason);
  const codes = list(q.serviceCodes);
  const categoryIds = codes.length > 0 ? [...services.values()].filter((s) => codes.includes(s.code)).map((s) => s.id) : null;
  const rows = await repo.listPublicCases(ctx.db, {
    jurisdictionId: j.id, from: nowIso(window.from), to: nowIso(window.to), categoryIds, statuses: null, limit: Math.min(q.limit ?? OPEN311_MAX_REQUESTS, OPEN311_MAX_REQUESTS),
  });
  const presented = await presentCases(ctx, j.id, rows, services);
  // Filtered after presenting: a merged case's status is its parent's.
  return statuses.length > 0 ? presented.filter((r) => statuses.includes(r.status)) : presented;
}

/** requests/{id}: one request, in a list as the specification answers it. */
export async function getRequest(ctx: AppContext, o: { jurisdictionCode?: string | undefined; id: string; ip: string }): Promise<Open311Request[]> {
  await enforcePublicLimit(ctx, { scope: 'publicDataPerAddress', key: o.ip });
  const j = await resolveJurisdiction(ctx, o.jurisdictionCode);
  const found = await requestsByIds(ctx, j.id, [o.id], await servicesByCategory(ctx, j.id));
  if (found.length === 0) throw new AppError('NOT_FOUND', `service_request_id ${o.id} was not found`);
  return found;
}

/** tokens/{token}: the id a token stands for (always known here: a request becomes a case at once). */
export async function requestIdForToken(
  ctx: AppContext,
  o: { jurisdictionCode?: string | undefined; token: string; ip: string },
): Promise<Array<{ service_request_id: string; token: string }>> {
  await enforcePublicLimit(ctx, { scope: 'publicDataPerAddress', key: o.ip });
  const j = await resolveJurisdiction(ctx, o.jurisdictionCode);
  const row = await repo.findRequestByToken(ctx.db, j.id, o.token);
  if (!row) throw new AppError('NOT_FOUND', `token ${o.token} was not found`);
  // The case it opened, whatever happened to it since (a category taken away, say); an attached request's own id.
  const [c] = row.outcome === 'attached' ? [] : await repo.findHandledCases(ctx.db, j.id, [row.case_id]);
  return [{ service_request_id: c?.case_number ?? row.public_id, token: row.token }];
}

interface ServiceName {
  id: string;
  code: string;
  name: string;
}

/** Every category by id, retired ones too: an old case keeps the service it was filed under. */
async function servicesByCategory(ctx: AppContext, jurisdictionId: string): Promise<Map<string, ServiceName>> {
  return new Map((await categoriesOf(ctx.db, jurisdictionId)).map((c) => [c.id, { id: c.id, code: c.code, name: c.name }]));
}

/** Case numbers and the public ids of attached requests, in the order asked; unknown ids are left out. */
async function requestsByIds(ctx: AppContext, jurisdictionId: string, ids: readonly string[], services: Map<string, ServiceName>): Promise<Open311Request[]> {
  const byId = new Map<string, Open311Request>();
  for (const r of await presentCases(ctx, jurisdictionId, await repo.findPublicCasesByNumbers(ctx.db, jurisdictionId, ids), services)) byId.set(r.service_request_id, r);
  const attached = await repo.findRequestsByPublicIds(ctx.db, jurisdictionId, ids.filter(isAttachedRequestId));
  const joinedRows = await repo.findHandledCases(ctx.db, jurisdictionId, attached.map((a) => a.case_id));
  const joined = await presentCases(ctx, jurisdictionId, joinedRows, services);
  const byCase = new Map(joinedRows.map((row, i) => [row.id, joined[i]]));
  for (const a of attached) {
    const own = byCase.get(a.case_id);
    if (!own) continue;
    // Follows the case it joined, coarsely: never that case's number (it may be another citizen's).
    byId.set(a.public_id, {
      ...own,
      service_request_id: a.public_id,
      service_code: a.service_code,
      service_name: [...services.values()].find((s) => s.code === a.service_code)?.name ?? own.service_name,
      requested_datetime: formatW3cDateTime(a.created_at),
      lat: a.lat_approx,
      long: a.long_approx,
    });
  }
  return ids.flatMap((id) => byId.get(id) ?? []);
}

async function presentCases(ctx: AppContext, jurisdictionId: string, rows: readonly repo.PublicCaseRow[], services: Map<string, ServiceName>): Promise<Open311Request[]> {
  if (rows.length === 0) return [];
  // A merged case is handled through its parent (DESIGN §4): its status and department are the parent's.
  const parentIds = [...new Set(rows.filter((r) => r.status === 'merged' && r.parent_id).map((r) => r.parent_id as string))];
  const parents = new Map((await repo.findHandledCases(ctx.db, jurisdictionId, parentIds)).map((p) => [p.id, p]));
  const handled = (r: repo.PublicCaseRow) => (r.status === 'merged' && r.parent_id ? (parents.get(r.parent_id) ?? r) : r);
  const unitIds = [...new Set(rows.map((r) => handled(r).lead_unit_id).filter((u): u is string => u !== null))];
  const units = new Map((await repo.findUnitNames(ctx.db, unitIds)).map((u) => [u.id, u.name]));
  const places = new Map((await repo.findPlacesOfCases(ctx.db, rows.map((r) => r.id))).map((p) => [p.case_id, p]));
  return rows.map((r) => {
    const h = handled(r);
    const service = services.get(r.category_id ?? '') ?? { code: '', name: '' };
    const place = places.get(r.id);
    return presentRequest({
      id: r.case_number,
      status: h.status as CaseStatus,
      service,
      agency: h.lead_unit_id ? (units.get(h.lead_unit_id) ?? null) : null,
      requestedAt: r.created_at,
      updatedAt: h.updated_at > r.updated_at ? h.updated_at : r.updated_at,
      place: place?.lat_approx && place.long_approx ? { lat: place.lat_approx, long: place.long_approx } : null,
    });
  });
}
