import type { PlatformRole, Role } from '@openline/core';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { createLine, createUser, type ServiceHours } from '../modules/org/service.js';
import { CITY_GOVERNMENT, HOTLINE_CENTRE, type DemoOrg } from './org-tree.js';

export const DEMO_PASSWORD = 'openline-demo';

/**
 * The handler sits in a unit that receives a good share of the generated appeals (garbage,
 * street lights, night-time construction, street vendors in the densest district), so signing
 * in as `handler` shows a full in-tray rather than an empty screen.
 */
export const HANDLER_UNIT = '东城区城市管理局';

/** The demo admin is the demo deployment's platform admin too, so deployment-wide settings (rate limits) can be tried. */
const STAFF: ReadonlyArray<{ username: string; displayName: string; role: Role; platformRole?: PlatformRole; unit: string }> = [
  { username: 'admin', displayName: '周敏', role: 'admin', platformRole: 'platform_admin', unit: CITY_GOVERNMENT },
  { username: 'operator', displayName: '王晓燕', role: 'operator', unit: HOTLINE_CENTRE },
  { username: 'handler', displayName: '李建军', role: 'handler', unit: HANDLER_UNIT },
  { username: 'supervisor', displayName: '陈静', role: 'supervisor', unit: HOTLINE_CENTRE },
  { username: 'official', displayName: '赵立新', role: 'official', unit: CITY_GOVERNMENT },
];

/** The demo's sign-ins, all with DEMO_PASSWORD. */
export const DEMO_USERNAMES: readonly string[] = STAFF.map((u) => u.username);

export interface DemoStaff {
  usernames: string[];
  idByUsername: ReadonlyMap<string, string>;
}

export async function createDemoStaff(trx: Transaction<DB>, jurisdictionId: string, org: DemoOrg): Promise<DemoStaff> {
  const idByUsername = new Map<string, string>();
  for (const user of STAFF) {
    const orgUnitId = org.unitIdByName.get(user.unit);
    if (!orgUnitId) throw new Error(`demo org tree has no unit ${user.unit}`);
    const { id } = await createUser(trx, {
      jurisdictionId,
      orgUnitId,
      username: user.username,
      displayName: user.displayName,
      password: DEMO_PASSWORD,
      roles: user.platformRole ? [user.role, user.platformRole] : [user.role],
    });
    idByUsername.set(user.username, id);
  }
  return { usernames: [...DEMO_USERNAMES], idByUsername };
}

export type DemoLineKey = 'hotline' | 'mayor' | 'district_head' | 'petition_sms' | 'police_tip';

const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const allWeek = (from: string, to: string): ServiceHours['weekly'] =>
  Object.fromEntries(EVERY_DAY.map((day) => [day, [[from, to]]]));
const ROUND_THE_CLOCK: ServiceHours = { weekly: allWeek('00:00', '24:00'), onHolidays: 'open' };
// Government office hours with the lunch break that Chinese offices keep.
const OFFICE_HOURS: ServiceHours = {
  weekly: Object.fromEntries(
    (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => [day, [['08:30', '12:00'], ['14:00', '17:30']]]),
  ),
  onHolidays: 'closed',
};

/**
 * The published lines of DESIGN §1, one of each mode. Numbers use the non-existent area code
 * 0000, so nobody who copies a number from the demo rings a real office.
 */
export const DEMO_LINES: ReadonlyArray<{
  key: DemoLineKey;
  number: string;
  name: string;
  ownerTitle: string;
  owner: string | null;
  mode: 'direct' | 'staffed' | 'sms_only' | 'tip';
  serviceHours: ServiceHours;
  /** Configured beyond the mode's default (ADR 0029): the 12345 hotline also reads texts, as many cities' do. */
  acceptsSms?: boolean;
}> = [
  { key: 'hotline', number: '0000-12345', name: '12345政务服务便民热线', ownerTitle: '12345热线中心', owner: null, mode: 'staffed', serviceHours: ROUND_THE_CLOCK, acceptsSms: true },
  { key: 'mayor', number: '0000-88001234', name: '市长公开电话', ownerTitle: '市长', owner: 'official', mode: 'staffed', serviceHours: { weekly: allWeek('08:00', '22:00'), onHolidays: 'open' } },
  { key: 'district_head', number: '0000-66002345', name: '东城区区长热线', ownerTitle: '东城区区长', owner: null, mode: 'direct', serviceHours: OFFICE_HOURS },
  { key: 'petition_sms', number: '0000-13900001111', name: '信访局局长短信', ownerTitle: '市信访局局长', owner: null, mode: 'sms_only', serviceHours: ROUND_THE_CLOCK },
  { key: 'police_tip', number: '0000-13900002222', name: '公安局长举报短信', ownerTitle: '市公安局局长', owner: null, mode: 'tip', serviceHours: ROUND_THE_CLOCK },
];

export async function createDemoLines(
  trx: Transaction<DB>,
  jurisdictionId: string,
  staff: DemoStaff,
): Promise<ReadonlyMap<DemoLineKey, string>> {
  const idByKey = new Map<DemoLineKey, string>();
  for (const line of DEMO_LINES) {
    const { id } = await createLine(trx, {
      jurisdictionId,
      number: line.number,
      name: line.name,
      ownerUserId: line.owner ? (staff.idByUsername.get(line.owner) ?? null) : null,
      ownerTitle: line.ownerTitle,
      mode: line.mode,
      isPublic: true,
      serviceHours: line.serviceHours,
      acceptsSms: line.acceptsSms,
    });
    idByKey.set(line.key, id);
  }
  return idByKey;
}
