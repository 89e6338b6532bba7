/**
 * Who hears of what (issue 12 §4): the one table from case events and staff messages to in-app
 * notifications. The server resolves each audience to users and writes the rows in the
 * transaction of the event, so a notification exists if and only if its cause was committed.
 *
 * A notification carries a kind and a case, never words of the appeal or the caller's identity:
 * what a recipient reads is the case itself, through the case's own access rules (tip lines,
 * ADR 0006). So adding an event here cannot leak a reporter.
 */

export const NOTIFICATION_KINDS = [
  'dispatch', // a case sent to the recipient's unit (dispatch, arbitration to it, reopening)
  'arbitration', // a second return: a supervisor must decide who handles it (首接负责)
  'extension_request', // a unit asks for more time: a supervisor rules on it
  'extension_decision', // the supervisor's ruling, for the unit that asked
  'supervision_notice', // 督办单 from the deadline sweep (or a supervisor, see superv)
  'deadline_reminder', // 75 % of a deadline used
  'urge', // 催办 (superv)
  'instruction', // 批示 of an official (desk)
  'followed_update', // a step on a case the recipient follows (关注, desk)
  'message', // any other staff message from the outbox
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/**
 * Who a notification goes to, relative to the case:
 * - `lead_unit_handlers`: handlers of the unit leading the case after the event;
 * - `case_supervisors`: supervisors whose scope covers the case (their unit's subtree, or the
 *   whole jurisdiction for those at the top or in the hotline centre).
 */
export type Audience = { kind: 'lead_unit_handlers' } | { kind: 'case_supervisors' };

export interface NotificationRoute {
  kind: NotificationKind;
  audience: Audience;
}

export interface CaseEventFact {
  type: string;
  payload: Readonly<Record<string, unknown>>;
}

const LEAD: Audience = { kind: 'lead_unit_handlers' };
const SUPERVISORS: Audience = { kind: 'case_supervisors' };

type Rule = (payload: Readonly<Record<string, unknown>>) => NotificationRoute[];
const to = (kind: NotificationKind, audience: Audience): Rule => () => [{ kind, audience }];

/**
 * Case event type → notifications. Events not listed notify nobody (progress notes, contacts,
 * visits…): a bell that rings for everything is a bell nobody reads. New events plug in here.
 */
const EVENT_RULES: Readonly<Record<string, Rule>> = {
  dispatched: to('dispatch', LEAD),
  arbitrated: to('dispatch', LEAD),
  reopened: to('dispatch', LEAD),
  // A first return puts the case back in the pool operators work from anyway; a second one
  // waits for a supervisor (首接负责), who would otherwise not know.
  returned: (payload) => (payload['toArbitration'] === true ? [{ kind: 'arbitration', audience: SUPERVISORS }] : []),
  extension_requested: to('extension_request', SUPERVISORS),
  extension_approved: to('extension_decision', LEAD),
  extension_rejected: to('extension_decision', LEAD),
};

export function notificationsForEvent(event: CaseEventFact): NotificationRoute[] {
  const rule = EVENT_RULES[event.type];
  return rule ? rule(event.payload) : [];
}

/** Every event type that notifies someone, for documentation and tests. */
export const NOTIFYING_EVENT_TYPES: readonly string[] = Object.keys(EVENT_RULES);

/**
 * Staff messages in the outbox (templates) → in-app kind. `null`: a case event already notifies
 * the same people of the same thing (the dispatch message and the `dispatched` event), so the
 * bell does not ring twice.
 */
const TEMPLATE_KINDS: Readonly<Record<string, NotificationKind | null>> = {
  case_dispatched: null,
  supervision_notice: 'supervision_notice',
  deadline_reminder: 'deadline_reminder',
};

export function notificationKindForTemplate(template: string): NotificationKind | null {
  return template in TEMPLATE_KINDS ? (TEMPLATE_KINDS[template] ?? null) : 'message';
}

/** A staff message's recipient as the outbox writes it. */
export type StaffRecipient =
  | { kind: 'unit'; unitId: string } // `unit:<uuid>`: the unit's handlers
  | { kind: 'role'; role: string; jurisdictionId: string } // `role:supervisor:<jurisdiction>`
  | { kind: 'user'; userId: string }; // a bare user id

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseStaffRecipient(recipient: string): StaffRecipient | null {
  const unit = /^unit:(.+)$/.exec(recipient);
  if (unit?.[1] && UUID.test(unit[1])) return { kind: 'unit', unitId: unit[1] };
  const role = /^role:([a-z_]+):(.+)$/.exec(recipient);
  if (role?.[1] && role[2] && UUID.test(role[2])) return { kind: 'role', role: role[1], jurisdictionId: role[2] };
  if (UUID.test(recipient)) return { kind: 'user', userId: recipient };
  return null;
}
