import { isPlatformRole, isRole, notificationKindForTemplate, notificationsForEvent, parseStaffRecipient, type Audience, type NoticeFacts, type NotificationKind } from '@openline/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { onCommit } from '../../lib/unit-of-work.js';
import { LIVE_EVENT_TYPES } from '../live/bus.js';
import { publishToUsers } from '../live/publish.js';
import type { SessionUser } from '../auth/service.js';
import { canViewCase } from '../cases/policy.js';
import { findCaseForAccess, type CaseAccessRow } from '../cases/repository.js';
import { listCaseFollowers } from '../desk/repository.js';
import { findRecipients, insertNotifications, type RecipientCandidate } from './repository.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Case events and staff messages → notification rows (ADR 0025). Which events notify whom is
 * core's table (`notificationsForEvent`); here audiences become users, and every user is checked
 * against the case policy, so nobody is told of a case they could not open.
 */

function asSessionUser(c: RecipientCandidate): SessionUser {
  return {
    id: c.id, jurisdictionId: c.jurisdictionId, username: c.username, displayName: c.displayName,
    roles: c.roles.filter(isRole), platformRoles: c.roles.filter(isPlatformRole),
    orgUnitId: c.orgUnitId, orgUnitName: c.orgUnitName, orgUnitPath: c.orgUnitPath, orgUnitKind: c.orgUnitKind,
  };
}

async function audienceOf(db: Db, audience: Audience, row: CaseAccessRow, payload: Record<string, unknown>): Promise<RecipientCandidate[]> {
  switch (audience.kind) {
    case 'lead_unit_handlers':
      return row.lead_unit_id ? findRecipients(db, { role: 'handler', unitIds: [row.lead_unit_id] }) : [];
    case 'case_supervisors':
      return findRecipients(db, { role: 'supervisor', jurisdictionId: row.jurisdiction_id });
    case 'payload_user': {
      const id = payload[audience.field];
      return typeof id === 'string' ? findRecipients(db, { ids: [id] }) : [];
    }
    case 'followers':
      return findRecipients(db, { ids: await listCaseFollowers(db, row.id) });
  }
}

async function write(
  db: Db,
  row: CaseAccessRow | undefined,
  jurisdictionId: string,
  sends: Array<{ kind: NotificationKind; users: RecipientCandidate[] }>,
  except: string | null,
  at: string,
  facts: NoticeFacts | null = null,
): Promise<void> {
  const factsJson = facts === null ? null : JSON.stringify(facts);
  const rows = [];
  // One notification per person per cause: the first (most specific) send that names them.
  const seen = new Set<string>();
  for (const { kind, users } of sends) {
    for (const user of users) {
      if (user.id === except || seen.has(user.id) || user.jurisdictionId !== jurisdictionId) continue;
      if (row && !canViewCase(asSessionUser(user), row)) continue;
      seen.add(user.id);
      rows.push({ id: newId(), jurisdiction_id: jurisdictionId, user_id: user.id, kind, case_id: row?.id ?? null, created_at: at, read_at: null, facts: factsJson });
    }
  }
  await insertNotifications(db, rows);
  // The bell refetches on this; the event itself carries nothing but that there is news.
  const users = rows.map((r) => r.user_id);
  if (users.length > 0) onCommit(db, () => publishToUsers(users, LIVE_EVENT_TYPES.notification, {}));
}

/**
 * Called for every case event as it is written (cases/repository.ts#insertEvent). `noFollowers`:
 * the case was opened in the writer's unit of work, so nobody can follow it yet and that look-up
 * is skipped (a merged appeal's event: one round trip of its processing).
 */
export async function fanOutCaseEvent(
  db: Db,
  event: { caseId: string; jurisdictionId: string; type: string; actorUserId: string | null; payload: Record<string, unknown>; createdAt: string },
  o: { noFollowers?: boolean } = {},
): Promise<void> {
  const all = notificationsForEvent({ type: event.type, payload: event.payload });
  const routes = o.noFollowers === true ? all.filter((r) => r.audience.kind !== 'followers') : all;
  if (routes.length === 0) return;
  // Most steps notify only followers, and most cases have none: one indexed look-up, then done.
  if (routes.every((r) => r.audience.kind === 'followers') && (await listCaseFollowers(db, event.caseId)).length === 0) return;
  const row = await findCaseForAccess(db, event.jurisdictionId, event.caseId);
  if (!row) return;
  const sends = [];
  for (const route of routes) sends.push({ kind: route.kind, users: await audienceOf(db, route.audience, row, event.payload) });
  await write(db, row, row.jurisdiction_id, sends, event.actorUserId, event.createdAt);
}

/**
 * A staff message queued in the outbox is also delivered in-app (issue 12 §4), unless a case
 * event already told the same people (core's template table). Recipients that name nobody we
 * know (an e-mail address) get the outbox delivery only. A message about no case hands on its
 * facts (core notices.ts), which are all its notice has to say.
 */
export async function fanOutStaffMessage(
  db: Db,
  message: { jurisdictionId: string; caseId: string | null; recipient: string; template: string; createdAt: string; facts: NoticeFacts | null },
): Promise<void> {
  const kind = notificationKindForTemplate(message.template);
  const to = parseStaffRecipient(message.recipient);
  if (!kind || !to) return;
  const users =
    to.kind === 'unit' ? await findRecipients(db, { role: 'handler', unitIds: [to.unitId] })
    : to.kind === 'role' ? await findRecipients(db, { role: to.role, jurisdictionId: to.jurisdictionId })
    : await findRecipients(db, { ids: [to.userId] });
  const row = message.caseId ? await findCaseForAccess(db, message.jurisdictionId, message.caseId) : undefined;
  if (message.caseId && !row) return;
  await write(db, row, message.jurisdictionId, [{ kind, users }], null, message.createdAt, message.facts);
}

/**
 * A notification about no case (a caller flag, ADR 0036): for named users of the jurisdiction.
 * What they open is the flag list, with its own access rules.
 */
export async function notifyUsers(db: Db, o: { jurisdictionId: string; kind: NotificationKind; userIds: string[]; at: string }): Promise<void> {
  if (o.userIds.length === 0) return;
  await write(db, undefined, o.jurisdictionId, [{ kind: o.kind, users: await findRecipients(db, { ids: o.userIds }) }], null, o.at);
}
