import type { FastifyInstance } from 'fastify';
import type { Role } from '@openline/core';
import type { AppContext } from '../../src/lib/app-context.js';
import { hashTrackingCode } from '../../src/modules/cases/tracking.js';
import { createJurisdiction, createOrgUnit, createUser } from '../../src/modules/org/service.js';

export const PASSWORD = 'correct horse battery staple';

export interface Fixture {
  jurisdiction: { id: string; code: string; name: string; timezone: string };
  units: { city: string; centre: string; housing: string; housingTeam: string; transport: string };
  users: Record<Role, string> & { teamHandler: string; transportHandler: string; housingSupervisor: string };
}

/** A small jurisdiction: enough org tree to tell "my unit and its children" from "another unit". */
export async function seedFixture(ctx: AppContext): Promise<Fixture> {
  const jurisdiction = await createJurisdiction(ctx.db, { code: 'test-city', name: '测试市' });
  const j = jurisdiction.id;
  const city = await createOrgUnit(ctx.db, { jurisdictionId: j, parentId: null, name: '测试市人民政府', kind: 'city' });
  const centre = await createOrgUnit(ctx.db, { jurisdictionId: j, parentId: city.id, name: '12345热线中心', kind: 'centre' });
  const housing = await createOrgUnit(ctx.db, { jurisdictionId: j, parentId: city.id, name: '市住建局', kind: 'department' });
  const housingTeam = await createOrgUnit(ctx.db, { jurisdictionId: j, parentId: housing.id, name: '物业管理科', kind: 'department' });
  const transport = await createOrgUnit(ctx.db, { jurisdictionId: j, parentId: city.id, name: '市交通局', kind: 'department' });

  const user = async (username: string, orgUnitId: string, roles: Role[]): Promise<string> =>
    (await createUser(ctx.db, { jurisdictionId: j, orgUnitId, username, displayName: username, password: PASSWORD, roles })).id;

  return {
    jurisdiction,
    units: { city: city.id, centre: centre.id, housing: housing.id, housingTeam: housingTeam.id, transport: transport.id },
    users: {
      admin: await user('admin', city.id, ['admin']),
      operator: await user('operator', centre.id, ['operator']),
      handler: await user('handler', housing.id, ['handler']),
      supervisor: await user('supervisor', centre.id, ['supervisor']),
      official: await user('official', city.id, ['official']),
      teamHandler: await user('team-handler', housingTeam.id, ['handler']),
      transportHandler: await user('transport-handler', transport.id, ['handler']),
      housingSupervisor: await user('housing-supervisor', housing.id, ['supervisor']),
    },
  };
}

/** Signs in through the real endpoint and returns the Cookie header value to send back. */
export async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'openline_session');
  if (!cookie) throw new Error('no session cookie');
  return `openline_session=${cookie.value}`;
}

/**
 * Files an appeal through the public form and waits for it to be processed (ADR 0032: the form
 * answers once the appeal is accepted; the case is opened behind it), then reads its case number
 * from the tracking page as the citizen would: null when it was added to an open case.
 */
export async function submitAppeal(
  app: FastifyInstance,
  body: { name: string; phone: string; content: string; address?: string; categoryId?: string },
): Promise<{ caseNumber: string; trackingCode: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/public/appeals', payload: body });
  if (res.statusCode !== 201) throw new Error(`appeal failed: ${res.statusCode} ${res.body}`);
  const { trackingCode } = res.json<{ trackingCode: string }>();
  return { caseNumber: (await processedAppeal(app, trackingCode)).caseNumber as string, trackingCode };
}

let lookups = 0;

/** Processes the public intake backlog, then answers what the tracking page says of the appeal. */
export async function processedAppeal(app: FastifyInstance, trackingCode: string): Promise<{ caseNumber: string | null; status: string }> {
  await app.publicIntake.flush();
  // An address of its own each time: these lookups must not spend the test's limit per address.
  lookups += 1;
  const remoteAddress = `198.18.${Math.floor(lookups / 250) % 250}.${(lookups % 250) + 1}`;
  const res = await app.inject({ method: 'GET', url: `/api/v1/public/appeals/${trackingCode}`, remoteAddress });
  if (res.statusCode !== 200) throw new Error(`tracking failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** What became of an appeal filed through the public form, as the answer said before ADR 0032. */
export interface FiledAppeal {
  outcome: 'opened' | 'merged' | 'attached';
  /** Absent for an attached appeal (that case's number is not the sender's). */
  caseNumber: string;
  trackingCode: string;
}

/**
 * Posts to the public form; a 201 is processed at once and answered with what processing made
 * of it (opened, merged, attached: the public_intake row's outcome), a refusal as it came.
 */
export async function fileAppeal(
  t: { app: FastifyInstance; ctx: AppContext },
  payload: Record<string, unknown>,
): Promise<{ statusCode: number; body: string; json(): FiledAppeal & { error?: { code: string; details?: unknown } } }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/appeals', payload });
  if (res.statusCode !== 201) return { statusCode: res.statusCode, body: res.body, json: () => res.json() };
  const { trackingCode } = res.json<{ trackingCode: string }>();
  const { caseNumber } = await processedAppeal(t.app, trackingCode);
  const row = await t.ctx.db.selectFrom('public_intake').select('outcome').where('tracking_code_hash', '=', hashTrackingCode(trackingCode)).executeTakeFirstOrThrow();
  const filed = (row.outcome === 'attached' || caseNumber === null
    ? { outcome: 'attached', trackingCode }
    : { outcome: row.outcome === 'merged' ? 'merged' : 'opened', caseNumber, trackingCode }) as FiledAppeal;
  return { statusCode: res.statusCode, body: JSON.stringify(filed), json: () => filed };
}
