/**
 * Who hears of what (issue 12 §4): the one table from case events and staff messages to in-app
 * notifications. The server resolves each audience to users and writes the rows in the
 * transaction of the event, so a notification exists if and only if its cause was committed.
 *
 * A notification carries a kind and a case, never words of the appeal or the caller's identity:
 * what a recipient reads is the case itself, through the case's own access rules (tip lines,
 * ADR 0006). So adding an event here cannot leak a reporter. A notice about no case (a cold line,
 * a callback) carries its facts instead (`notices.ts`): figures, a line, a masked caller.
 */

export const NOTIFICATION_KINDS = [
  'dispatch', // a case sent to the recipient's unit (dispatch, arbitration to it, reopening)
  'arbitration', // a second return: a supervisor must decide who handles it (首接负责)
  'extension_request', // a unit asks for more time: a supervisor rules on it
  'extension_decision', // the supervisor's ruling, for the unit that asked
  'supervision_notice', // 督办单 from the deadline sweep (or a supervisor, see superv)
  'deadline_reminder', // 75 % of a deadline used
  'urge', // 催办 of the lead unit
  'supervision_order', // 督办单 issued by a supervisor, with a reply due
  'supervision_order_overdue', // the unit has not answered a 督办单 in time
  'supervision_order_answered', // the unit answered the supervisor's 督办单
  'escalation', // a case still overdue, escalated to the next tier (unit → leadership → city)
  'redispatched_away', // a case the unit held was re-dispatched to another unit
  'instruction', // 批示 of an official, for the lead unit to answer
  'instruction_answered', // the lead unit answered the official's 批示
  'followed_update', // a step on a case the recipient follows (关注)
  'co_share', // a co-handling unit (协办) gave its share of the reply, for the lead unit to fold in
  'caller_flagged', // a caller's number was flagged (frequent or abuse): no case, the flag list is where to look
  'cold_line_alert', // the recipient's line (or one they supervise) went cold: its 24 h figures, no case
  'callback_reminder', // a caller waits for a callback from the recipient's line or unit: 75 % of its time used
  'callback_overdue', // a callback task passed its deadline untried: for its workers and the supervisors
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
export type Audience =
  | { kind: 'lead_unit_handlers' }
  | { kind: 'case_supervisors' }
  /** The user an event payload field names (the official whose 批示 was answered). */
  | { kind: 'payload_user'; field: string }
  /** Everyone following the case (关注). */
  | { kind: 'followers' };

export interface NotificationRoute {
  kind: NotificationKind;
  audience: Audience;
}

export interface CaseEventFact {
  type: string;
  payload: Readonly<Record<string, unknown>>;
}

const LEAD: Audience = { kind: 'lead_unit_handlers' };
const FOLLOWERS: Audience = { kind: 'followers' };
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
  redispatched: to('dispatch', LEAD),
  // A first return puts the case back in the pool operators work from anyway; a second one
  // waits for a supervisor (首接负责), who would otherwise not know.
  returned: (payload) => (payload['toArbitration'] === true ? [{ kind: 'arbitration', audience: SUPERVISORS }] : []),
  extension_requested: to('extension_request', SUPERVISORS),
  extension_approved: to('extension_decision', LEAD),
  extension_rejected: to('extension_decision', LEAD),
  instruction_given: to('instruction', LEAD),
  instruction_answered: to('instruction_answered', { kind: 'payload_user', field: 'authorUserId' }),
  co_share_given: to('co_share', LEAD),
  // Urges, 督办单, re-dispatch notes to the losing unit and escalations are told by the staff
  // messages their use cases queue (TEMPLATE_KINDS below): those know the addressee.
};

/**
 * Steps a follower (关注) is told of: the case moved, someone acted on it, or it went overdue.
 * Not repeat contacts or flag changes: those are the hotline's bookkeeping.
 */
const FOLLOWED_STEPS: ReadonlySet<string> = new Set([
  'dispatched', 'redispatched', 'accepted', 'returned', 'contacted', 'progress_noted', 'extension_requested', 'extension_approved',
  'extension_rejected', 'replied', 'visited', 'closed', 'reopened', 'arbitrated', 'merged', 'invalidated', 'restored', 'deadline_overdue',
  'urged', 'supervision_order_issued', 'supervision_order_answered', 'supervision_order_closed', 'escalated', 'instruction_given',
  'instruction_answered', 'co_share_given',
]);

/**
 * The notifications an event causes, most specific first: a person in several audiences gets the
 * first one only (a follower who handles the case is told of the dispatch, not of an update).
 */
export function notificationsForEvent(event: CaseEventFact): NotificationRoute[] {
  const rule = EVENT_RULES[event.type];
  const routes = rule ? rule(event.payload) : [];
  return FOLLOWED_STEPS.has(event.type) ? [...routes, { kind: 'followed_update', audience: FOLLOWERS }] : routes;
}

/** Every event type that notifies someone beyond its followers, for documentation and tests. */
export const NOTIFYING_EVENT_TYPES: readonly string[] = Object.keys(EVENT_RULES);

/**
 * Staff messages in the outbox (templates) → in-app kind. `null`: a case event already notifies
 * the same people of the same thing (the dispatch message and the `dispatched` event), so the
 * bell does not ring twice.
 */
const TEMPLATE_KINDS: Readonly<Record<string, NotificationKind | null>> = {
  case_dispatched: null,
  extension_requested: null,
  case_urged: 'urge',
  supervision_order_issued: 'supervision_order',
  supervision_order_overdue: 'supervision_order_overdue',
  supervision_order_answered: 'supervision_order_answered',
  supervision_escalated: 'escalation',
  case_redispatched: 'redispatched_away',
  supervision_notice: 'supervision_notice',
  deadline_reminder: 'deadline_reminder',
  // Lines and callbacks have no case: these notices carry their facts (notices.ts), or the bell
  // would show a bare "staff message" about nothing anyone can open.
  cold_line_alert: 'cold_line_alert',
  callback_reminder: 'callback_reminder',
  callback_overdue: 'callback_overdue',
};

export function notificationKindForTemplate(template: string): NotificationKind | null {
  return template in TEMPLATE_KINDS ? (TEMPLATE_KINDS[template] ?? null) : 'message';
}

/** A staff message's recipient as the outbox writes it. */
export type StaffRecipient =
  | { kind: 'unit'; unitId: string } // `unit:<uuid>`: the unit's handlers
  | { kind: 'role'; role: string; jurisdictionId: string } // `role:supervisor:<jurisdiction>`
  | { kind: 'user'; userId: string }; // `user:<uuid>` or a bare user id

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseStaffRecipient(recipient: string): StaffRecipient | null {
  const unit = /^unit:(.+)$/.exec(recipient);
  if (unit?.[1] && UUID.test(unit[1])) return { kind: 'unit', unitId: unit[1] };
  const role = /^role:([a-z_]+):(.+)$/.exec(recipient);
  if (role?.[1] && role[2] && UUID.test(role[2])) return { kind: 'role', role: role[1], jurisdictionId: role[2] };
  const user = /^(?:user:)?(.+)$/.exec(recipient)?.[1] ?? '';
  if (UUID.test(user)) return { kind: 'user', userId: user };
  return null;
}
