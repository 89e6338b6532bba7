import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * Table types as the app sees them today. Timestamps are ISO-8601 strings in UTC on both
 * dialects (SQLite stores text; PostgreSQL's timestamptz is parsed back to the same string in
 * database.ts), so services never branch on the dialect.
 */
type Timestamp = string;

export interface JurisdictionTable {
  id: string;
  code: string;
  name: string;
  timezone: string;
  created_at: Timestamp;
}

export interface OrgUnitTable {
  id: string;
  jurisdiction_id: string;
  parent_id: string | null;
  /** Materialised path of ids ("/a/b/c/"), so "this unit and its children" is one LIKE. */
  path: string;
  name: string;
  kind: string;
  sort_order: number;
  created_at: Timestamp;
  /** JSON array of short names residents use for the unit (migration 0034): the petition parser matches them. */
  aliases: Generated<string>;
}

export interface UserTable {
  id: string;
  jurisdiction_id: string;
  org_unit_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  status: 'active' | 'disabled';
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a stolen database does not yield live sessions. */
  id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface LineTable {
  id: string;
  jurisdiction_id: string;
  number: string;
  name: string;
  owner_user_id: string | null;
  owner_title: string;
  mode: 'direct' | 'staffed' | 'sms_only' | 'tip';
  is_public: number;
  service_hours: string;
  created_at: Timestamp;
  /** Which channels the line takes (migration 0034, ADR 0029); 1 or 0. */
  accepts_voice: Generated<number>;
  accepts_sms: Generated<number>;
}

export interface CaseTable {
  id: string;
  jurisdiction_id: string;
  case_number: string;
  tracking_code_hash: string;
  status: string;
  channel: string;
  type: string;
  urgency: string;
  /** Redacted copy (core redactPersonalData): what lists, search and training read. */
  content: string;
  /** The original text, sealed. Required on insert; null only on rows not yet sealed (ADR 0009). */
  content_enc: ColumnType<string | null, string, string>;
  caller_name_enc: string | null;
  caller_phone_enc: string | null;
  caller_phone_bidx: string | null;
  /** Keyed blind index of core personNameKey(name) (migration 0033, ADR 0027); null without a name. */
  caller_name_bidx: Generated<string | null>;
  address_enc: string | null;
  caller_id_number_enc: Generated<string | null>;
  line_id: string | null;
  /** 1: the caller is a protected tip-line reporter (ADR 0006); fixed when the case is opened. */
  caller_protected: Generated<number>;
  lead_unit_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Optimistic concurrency: a transition updates the row only at the version it read. */
  version: Generated<number>;
  bounce_count: Generated<number>;
  awaiting_arbitration: Generated<number>;
  pending_extension_days: number | null;
  pending_extension_reason: string | null;
  dispatched_at: Timestamp | null;
  contacted_at: Timestamp | null;
  replied_at: Timestamp | null;
  reply_text: string | null;
  visit_solved: number | null;
  visit_satisfaction: string | null;
  visit_comment: string | null;
  visited_at: Timestamp | null;
  closed_at: Timestamp | null;
  closed_at_intake: Generated<number>;
  invalid_reason: string | null;
  parent_id: string | null;
  /** core/priority score: urgency, distinct callers affected, confirmed vulnerability, age; never contact volume. */
  priority: Generated<number>;
  /**
   * Distinct callers of the case and of the cases merged into it, as the priority last counted
   * them (migration 0068, ADR 0076); null until counted. Kept by the priority's recompute alone.
   */
  family_callers: number | null;
  /** The family's confirmed vulnerability flags, a JSON array, kept with `family_callers` (same rules). */
  family_flags: string | null;
  /** 诉求分类 (migration 0032, ADR 0026); null for cases from before, or not yet categorised. */
  category_id: Generated<string | null>;
}

/** One category of a jurisdiction's tree (migration 0032): at most three levels (core rules). */
export interface CaseCategoryTable {
  id: string;
  jurisdiction_id: string;
  parent_id: string | null;
  /** Stable machine name (Open311 service_code); never changes once created. */
  code: string;
  name: string;
  description: string | null;
  /** JSON array of words for the intake suggestion. */
  keywords: string;
  sort_order: number;
  /** Set when retired: kept for the cases and figures that name it, no longer offered. */
  retired_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseCoUnitTable {
  case_id: string;
  unit_id: string;
}

/**
 * Written only by triggers (migration 0051, ADR 0048): one row per unit whose subtree holds the
 * case through its lead unit (lead = 1) or a co-handling unit (lead = 0); read by the case list.
 */
export interface CaseScopeTable {
  case_id: string;
  unit_id: string;
  jurisdiction_id: string;
  created_at: Timestamp;
  lead: number;
  /** The case's next running deadline (migration 0056, ADR 0052). */
  due_at: Timestamp | null;
  /** 1 while the case is not closed, merged or invalid, or a deadline of it still runs. */
  active: Generated<number>;
}

/** Vulnerability flags confirmed by staff (never the text detector's suggestions alone). */
export interface CaseVulnerabilityTable {
  case_id: string;
  /** core/priority VULNERABILITIES code. */
  flag: string;
}

export interface CaseDeadlineTable {
  id: string;
  case_id: string;
  /** The unit the deadline binds (the lead unit when it was set). */
  unit_id: string | null;
  kind: 'accept' | 'contact' | 'resolve';
  clock: 'working' | 'natural';
  starts_at: Timestamp;
  due_at: Timestamp;
  remind_at: Timestamp;
  reminded_at: Timestamp | null;
  overdue_at: Timestamp | null;
  met_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  created_at: Timestamp;
  /** Escalation tiers told so far (core TierLevel: 0 before overdue, 1 unit, 2 leadership, 3 city); migration 0030. */
  escalation_level: Generated<number>;
  /** When the next tier is due; null when none is (not overdue yet, or the last tier told). */
  next_escalation_at: Timestamp | null;
}

export interface SupervisionNoticeTable {
  id: string;
  jurisdiction_id: string;
  case_id: string;
  deadline_id: string;
  /** 1 the unit, 2 its leadership, 3 the city office (ADR 0024); one notice per deadline and tier. */
  tier: Generated<number>;
  unit_id: string | null;
  kind: string;
  message: string;
  created_at: Timestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
}

/** A supervision order (督办单 issued by hand, ADR 0024): open → answered → closed. */
export interface SupervisionOrderTable {
  id: string;
  jurisdiction_id: string;
  case_id: string;
  unit_id: string;
  status: 'open' | 'answered' | 'closed';
  instruction: string;
  issued_by: string;
  issued_at: Timestamp;
  due_at: Timestamp;
  answer_text: string | null;
  answered_by: string | null;
  answered_at: Timestamp | null;
  close_note: string | null;
  closed_by: string | null;
  closed_at: Timestamp | null;
  overdue_at: Timestamp | null;
}

export interface CalendarYearTable {
  jurisdiction_id: string;
  year: number;
  data: string;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface DeadlinePolicyTable {
  jurisdiction_id: string;
  policy: string;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface ContactTable {
  id: string;
  jurisdiction_id: string;
  case_id: string | null;
  channel: string;
  line_id: string | null;
  caller_name_enc: string | null;
  caller_phone_enc: string | null;
  caller_phone_bidx: string | null;
  caller_id_number_enc?: string | null;
  /** Redacted copy; the original is sealed in content_enc (ADR 0009). */
  content: string;
  content_enc: ColumnType<string | null, string, string>;
  /** Hash of the sender's own tracking code when the contact was attached to someone's case unattended. */
  tracking_code_hash?: string | null;
  outcome: string;
  received_at: Timestamp;
}

export interface CaseEventTable {
  id: Generated<number>;
  case_id: string;
  type: string;
  actor_kind: 'citizen' | 'staff' | 'system';
  actor_user_id: string | null;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  payload: string;
  created_at: Timestamp;
}

export interface CaseNumberCounterTable {
  jurisdiction_id: string;
  day: string;
  last_value: ColumnType<number, number, number>;
}

/** A public web appeal accepted durably and not yet (or already) turned into a case (ADR 0032). */
export interface PublicIntakeTable {
  seq: Generated<number>;
  jurisdiction_id: string;
  tracking_code_hash: string;
  /** The appeal sealed as one JSON document; null once processed. */
  payload_enc: string | null;
  /** Read on the request path: 'urgent' or 'normal' (an emergency is never accepted here). */
  urgency: string;
  accepted_at: string;
  processed_at: string | null;
  outcome: string | null;
  case_id: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  /** The HTTP request that accepted it (migration 0043): logged by the drainer, stamped on what processing queues. */
  request_id: Generated<string | null>;
}

export interface AuditLogTable {
  id: Generated<number>;
  jurisdiction_id: string | null;
  actor_user_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  detail: string;
  created_at: Timestamp;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: Timestamp;
}

export interface OutboxTable {
  id: string;
  jurisdiction_id: string;
  case_id: string | null;
  channel: 'sms' | 'email' | 'staff';
  /** Sealed: a phone number or e-mail address is personal data. */
  recipient_enc: string;
  /** Masked form for the admin outbox page. */
  recipient_hint: string;
  template: string;
  /** May hold OUTBOX_SECRET_PLACEHOLDER where the sealed secret goes at delivery. */
  body: string;
  /** Sealed secret (a tracking code) substituted into the body only when the message is sent. */
  secret_enc: Generated<string | null>;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: Timestamp;
  claimed_by: string | null;
  claimed_until: Timestamp | null;
  last_error: string | null;
  provider: string | null;
  provider_message_id: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  /** The HTTP request whose transaction queued it (migration 0039), for the worker's log; null from the worker itself. */
  request_id: Generated<string | null>;
}

export interface ApiTokenTable {
  id: string;
  jurisdiction_id: string;
  /** The account the integration acts as: its roles and unit decide what the token may do. */
  user_id: string;
  name: string;
  /** SHA-256 of the token; the token itself is shown once, at creation. */
  token_hash: string;
  /** First characters, so an admin can tell tokens apart. */
  prefix: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface KbArticleTable {
  id: string;
  jurisdiction_id: string;
  question: string;
  answer: string;
  /** JSON array of strings. */
  tags: string;
  valid_from: Timestamp | null;
  valid_to: Timestamp | null;
  owner_unit_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * The search index. Its `tokens` column is an FTS5 column on SQLite and a tsvector on
 * PostgreSQL, so it is only ever read and written through modules/search/store.ts.
 */
export interface SearchDocumentTable {
  doc_type: 'case' | 'article';
  doc_id: string;
  jurisdiction_id: string;
  tokens: string;
  /**
   * PostgreSQL only (migration 0057): the case's created_at, so a search reads the newest days
   * first; NULL for articles. Written from the case row by the store, never by hand.
   */
  created_at?: ColumnType<Timestamp | null, never, never>;
}

export interface RoutingModelTable {
  id: string;
  jurisdiction_id: string;
  version: number;
  /** routingModelToJson() output. */
  model: string;
  /** JSON: examples, labels, held-out accuracy and macro-F1. */
  metrics: string;
  trained_by: string | null;
  created_at: Timestamp;
}

export interface RoutingFeedbackTable {
  id: string;
  model_id: string;
  case_id: string;
  suggested_unit_id: string;
  chosen_unit_id: string;
  created_at: Timestamp;
}

/** SMS delivered by the gateway, by its message id: a retried delivery is not taken twice (channels/sms). */
export interface InboundSmsTable {
  message_id: string;
  jurisdiction_id: string;
  line_id: string;
  case_id: string | null;
  /**
   * pending while the transaction runs, then redirected | attached | merged | opened; held when
   * the sender was over their limit, until an operator processes it (an outcome above) or
   * dismisses it (dismissed).
   */
  outcome: string;
  gateway_received_at: Timestamp | null;
  created_at: Timestamp;
  /** Sealed sender and text of a held message; cleared once it is settled. */
  sender_enc: string | null;
  text_enc: string | null;
  /** A petition message's answer, JSON {missing, invalid} (migration 0034): a retried delivery gets the same. */
  detail: Generated<string | null>;
  settled_at: Timestamp | null;
  settled_by: string | null;
}

/** One fixed window of one rate limit (ADR 0007); `key` is a keyed hash, never the raw value. */
export interface RateCounterTable {
  scope: string;
  key: string;
  window_start: Timestamp;
  count: number;
  expires_at: Timestamp;
}

/** A daily job's claim for one day (jobs/): whoever inserted the row runs the job. */
export interface JobRunTable {
  job: string;
  /** The UTC day, YYYY-MM-DD. */
  period: string;
  worker_id: string;
  attempts: Generated<number>;
  started_at: Timestamp;
  /** Until then the claim holds; after it, an unfinished run may be taken over. */
  lease_until: Timestamp;
  finished_at: Timestamp | null;
  last_error: string | null;
}

/** The counts of one figures cell (core MetricCounts, snake_case). */
export interface StatCounts {
  dispatched: number;
  returns: number;
  response_due: number;
  responded_on_time: number;
  visits: number;
  solved: number;
  satisfied: number;
  overdue: number;
  closures: number;
  closed_on_time: number;
  reopened: number;
  overdue_days: number;
  extensions: number;
  supervision_notices: number;
  arbitrations: number;
  /** Contact counts: always 0 in case cells, summed from stat_contact_cells into the centre's ('') rows. */
  contacts: number;
  direct_resolved: number;
}

/** What one citizen contact contributes, to the centre (ADR 0013). */
export interface StatContactCellTable {
  contact_id: string;
  case_id: string | null;
  jurisdiction_id: string;
  day: string;
  line_id: string;
  case_type: string;
  channel: string;
  contacts: number;
  direct_resolved: number;
}

/** What one case contributes on one local day to one unit (ADR 0012). */
export interface StatCaseCellTable extends StatCounts {
  case_id: string;
  jurisdiction_id: string;
  /** The jurisdiction's local day, YYYY-MM-DD. */
  day: string;
  unit_id: string;
  /** '' when the case came on no published line. */
  line_id: string;
  case_type: string;
  channel: string;
  /** The case's category when the cells were computed (migration 0032); null: none. */
  category_id: string | null;
}

/** The daily rollup: the sum of the cells per jurisdiction × day × unit × line × type × channel. */
export interface StatDailyTable extends StatCounts {
  jurisdiction_id: string;
  day: string;
  unit_id: string;
  line_id: string;
  case_type: string;
  channel: string;
}

/** stat_daily summed over line, type and channel: what the per-unit figures read (migration 0023). */
export interface StatUnitDailyTable extends StatCounts {
  jurisdiction_id: string;
  day: string;
  unit_id: string;
}

/** stat_daily summed over the units: the whole jurisdiction's figures by line, type, channel (migration 0023). */
export interface StatScopeDailyTable extends StatCounts {
  jurisdiction_id: string;
  day: string;
  line_id: string;
  case_type: string;
  channel: string;
}

/** The case cells summed over unit, line, type and channel per leaf category ('' none): migration 0032, ADR 0026. */
export interface StatCategoryDailyTable extends StatCounts {
  jurisdiction_id: string;
  day: string;
  category_id: string;
}

export interface StatStateTable {
  name: string;
  /** Events created before this (less a safety overlap) have been rolled up. */
  watermark: Timestamp;
}

/** An event between server processes too large for a NOTIFY payload (ADR 0033); kept a minute. */
export interface LiveMessageTable {
  id: string;
  /** The envelope's JSON, as it would have been notified. */
  body: string;
  created_at: Timestamp;
}

export interface DB {
  jurisdictions: JurisdictionTable;
  org_units: OrgUnitTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  lines: LineTable;
  cases: CaseTable;
  contacts: ContactTable;
  case_events: CaseEventTable;
  case_number_counters: CaseNumberCounterTable;
  public_intake: PublicIntakeTable;
  audit_log: AuditLogTable;
  settings: SettingTable;
  outbox: OutboxTable;
  case_co_units: CaseCoUnitTable;
  case_scopes: CaseScopeTable;
  case_vulnerabilities: CaseVulnerabilityTable;
  case_deadlines: CaseDeadlineTable;
  supervision_notices: SupervisionNoticeTable;
  supervision_orders: SupervisionOrderTable;
  calendar_years: CalendarYearTable;
  deadline_policies: DeadlinePolicyTable;
  api_tokens: ApiTokenTable;
  kb_articles: KbArticleTable;
  search_documents: SearchDocumentTable;
  routing_models: RoutingModelTable;
  routing_feedback: RoutingFeedbackTable;
  /** Category model versions (migration 0048): the same shape as the router's, labels are category ids. */
  category_models: RoutingModelTable;
  inbound_sms: InboundSmsTable;
  rate_counters: RateCounterTable;
  job_runs: JobRunTable;
  live_messages: LiveMessageTable;
  stat_case_cells: StatCaseCellTable;
  case_categories: CaseCategoryTable;
  stat_daily: StatDailyTable;
  stat_unit_daily: StatUnitDailyTable;
  stat_scope_daily: StatScopeDailyTable;
  stat_category_daily: StatCategoryDailyTable;
  stat_state: StatStateTable;
  stat_contact_cells: StatContactCellTable;
  cti_tokens: CtiTokenTable;
  open311_keys: Open311KeyTable;
  open311_requests: Open311RequestTable;
  case_category_attributes: CaseCategoryAttributeTable;
  call_records: CallRecordTable;
  call_events: CallEventTable;
  blocked_numbers: BlockedNumberTable;
  line_call_thresholds: LineCallThresholdTable;
  cold_line_episodes: ColdLineEpisodeTable;
  line_call_days: LineCallDayTable;
  line_call_snapshots: LineCallSnapshotTable;
  notifications: NotificationTable;
  case_instructions: CaseInstructionTable;
  case_followers: CaseFollowerTable;
  line_callback_settings: LineCallbackSettingsTable;
  callback_tasks: CallbackTaskTable;
  callback_calls: CallbackCallTable;
  callback_attempts: CallbackAttemptTable;
  caller_flags: CallerFlagTable;
  case_unit_suggestions: CaseUnitSuggestionTable;
  worker_job_beats: WorkerJobBeatTable;
  pending_petitions: PendingPetitionTable;
  attachments: AttachmentTable;
  case_places: CasePlaceTable;
}

/**
 * A petition message still missing a field or carrying an invalid ID number (migration 0034,
 * ADR 0029). Personal fields are sealed; `text` is the redacted display copy of its messages.
 */
export interface PendingPetitionTable {
  id: string;
  jurisdiction_id: string;
  line_id: string;
  /** pending, then opened (a case opened: by a follow-up or an operator) or expired. */
  status: 'pending' | 'opened' | 'expired';
  sender_enc: string;
  sender_bidx: string;
  text: string;
  text_enc: string;
  parts: number;
  unit_id: string | null;
  unit_matched: string | null;
  name_enc: string | null;
  address_enc: string | null;
  id_number_enc: string | null;
  demand_enc: string | null;
  /** JSON arrays: PetitionField[] and {field, reason}[] as the sender was last told. */
  missing: string;
  invalid: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  expires_at: Timestamp;
  case_id: string | null;
  settled_at: Timestamp | null;
  settled_by: string | null;
}

/** When a per-pass worker job last finished, by any worker (migration 0039; /metrics worker lag). */
export interface WorkerJobBeatTable {
  job: string;
  worker_id: string;
  finished_at: Timestamp;
  /** The last pass in which it failed; null if it never has. */
  last_failed_at: Timestamp | null;
}

/** A frequent or abusive caller's number (migration 0041, ADR 0036); at most one active flag per kind. */
export interface CallerFlagTable {
  id: string;
  jurisdiction_id: string;
  caller_phone_bidx: string;
  caller_phone_enc: string;
  kind: string;
  status: string;
  /** Abuse flags: core ABUSE_REASONS. */
  reason: string | null;
  /** Redacted copy of the note; the original sealed in note_enc (ADR 0009). */
  note: string | null;
  note_enc: string | null;
  contacts_at_raise: number | null;
  /** Null: raised by the worker's frequent-caller sweep. */
  raised_by_user_id: string | null;
  raised_at: Timestamp;
  reviewed_by_user_id: string | null;
  reviewed_at: Timestamp | null;
  review_decision: string | null;
  review_note: string | null;
  cleared_at: Timestamp | null;
}

/** An official's instruction (批示) on a case and the lead unit's answer (migration 0033, ADR 0027). */
export interface CaseInstructionTable {
  id: string;
  jurisdiction_id: string;
  case_id: string;
  /** The lead unit when it was given: the unit asked to answer. */
  unit_id: string;
  author_user_id: string;
  text: string;
  created_at: Timestamp;
  answered_at: Timestamp | null;
  answered_by: string | null;
  answer_text: string | null;
}

/** Who follows (关注) a case. */
export interface CaseFollowerTable {
  case_id: string;
  user_id: string;
  created_at: Timestamp;
}

/** An in-app notification for one user (migration 0031, ADR 0025): a kind and a case, no text. */
export interface NotificationTable {
  id: string;
  jurisdiction_id: string;
  user_id: string;
  kind: string;
  case_id: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
  /** JSON of core NoticeFacts for a notice about no case (migration 0072); NULL for a case's. */
  facts: string | null;
}

/** A phone system's token for the CTI webhook (migration 0022); only its SHA-256 is stored. */
export interface CtiTokenTable {
  id: string;
  jurisdiction_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** One call, from CTI events or an imported CDR (ADR 0017). */
export interface CallRecordTable {
  id: string;
  jurisdiction_id: string;
  source: 'cti' | 'cdr';
  /** The phone system's own id: Zammad call_id, Asterisk uniqueid. */
  external_id: string;
  cti_token_id: string | null;
  direction: 'in' | 'out';
  /** Null when the number is no line of ours (kept, unlinked). */
  line_id: string | null;
  /** Our side's number as the phone system sent it. */
  line_number: string;
  /** The citizen's number, sealed; both null for an anonymous caller. */
  caller_enc: string | null;
  caller_bidx: string | null;
  queue: string | null;
  offered_at: Timestamp;
  answered_at: Timestamp | null;
  ended_at: Timestamp | null;
  wait_seconds: number | null;
  talk_seconds: number | null;
  /** core CALL_OUTCOMES; null while the call is in progress. */
  outcome: string | null;
  late_answer: number;
  answered_by_user_id: string | null;
  /** Who answered as the phone system named them (user or answering number). */
  answered_by: string | null;
  /** The raw hangup cause or CDR disposition. */
  cause: string | null;
  case_id: string | null;
  contact_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One CTI event of a call; (call_id, event) is the idempotency key. */
export interface CallEventTable {
  call_id: string;
  event: 'newCall' | 'answer' | 'hangup';
  received_at: Timestamp;
  cause: string | null;
  /** JSON array of the user names sent with the event. */
  users: string | null;
  answering_number: string | null;
  /** 'reject' when a newCall was answered with reject (a blocked caller). */
  action: string | null;
}

export interface BlockedNumberTable {
  id: string;
  jurisdiction_id: string;
  number_enc: string;
  number_bidx: string;
  note: string;
  created_by: string | null;
  created_at: Timestamp;
}

/** A line's own cold-line limits (migration 0027, ADR 0021); no row = GB/T 33358-2016 defaults. */
export interface LineCallThresholdTable {
  line_id: string;
  /** Basis points: 9500 = 95 %. */
  answer_rate_bp: number;
  prompt_seconds: number;
  prompt_rate_bp: number;
  /** Calls offered in 24 h before the line can be cold (migration 0046); null: the default. */
  min_offered: number | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** A line's rolling 24 h as the worker last computed it (migration 0046, ADR 0041). */
export interface LineCallSnapshotTable {
  line_id: string;
  jurisdiction_id: string;
  computed_at: Timestamp;
  /** JSON: the detail and the thresholds it was judged by (cold-lines/snapshots.ts). */
  figures: string;
}

/** One time a line went cold; at most one open (ended_at null) per line. */
export interface ColdLineEpisodeTable {
  id: string;
  jurisdiction_id: string;
  line_id: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  /** JSON: the 24-h figures that opened the episode. */
  start_figures: string;
  /** JSON: the figures that ended it. */
  end_figures: string | null;
}

/** A line's calls on one local day (the worker's rollup of call_records). */
export interface LineCallDayTable {
  jurisdiction_id: string;
  line_id: string;
  /** Local day, YYYY-MM-DD, in the jurisdiction's time zone (by the call's offer time). */
  day: string;
  offered: number;
  picked_up: number;
  within_15s: number;
  /** Missed calls whose caller the line reached within 1 h. */
  called_back: number;
}

/** A file on a case: citizen photo, proof of work or document (migration 0040, ADR 0035). */
export interface AttachmentTable {
  id: string;
  jurisdiction_id: string;
  case_id: string;
  /** core ATTACHMENT_KINDS */
  kind: string;
  /** `pending` until the bytes are stored, then `ready`; the sweep removes stale pending rows. */
  state: string;
  original_name_sealed: string;
  sniffed_type: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  thumbnail_key: string | null;
  width: number | null;
  height: number | null;
  /** 1: the citizen chose to share the photo's location, so its GPS tags were kept. */
  location_kept: Generated<number>;
  /** core ATTACHMENT_VISIBILITIES */
  visibility: string;
  citizen_proposed: Generated<number>;
  uploader_kind: string;
  uploader_user_id: string | null;
  citizen_code_hash: string | null;
  created_at: Timestamp;
}

export type AttachmentRow = Selectable<AttachmentTable>;
export type CaseRow = Selectable<CaseTable>;
export type NewCase = Insertable<CaseTable>;
export type UserRow = Selectable<UserTable>;
export type OrgUnitRow = Selectable<OrgUnitTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type CaseDeadlineRow = Selectable<CaseDeadlineTable>;

/** Per line: after-hours desk, who works its callbacks, deadline and tries (migration 0028, ADR 0022). */
export interface LineCallbackSettingsTable {
  line_id: string;
  /** The number a newCall outside the line's hours is forwarded to (Zammad answer extension). */
  after_hours_number: string | null;
  /** Whose staff work the line's callbacks; null: the owner's unit. */
  callback_unit_id: string | null;
  within_minutes: number;
  max_tries: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** A promise to ring a caller back (回电任务, ADR 0022). */
export interface CallbackTaskTable {
  id: string;
  jurisdiction_id: string;
  line_id: string;
  caller_enc: string;
  caller_bidx: string;
  /** `line:caller blind index` while open, NULL once closed: one open task per caller and line. */
  open_key: string | null;
  status: 'open' | 'closed';
  /** Why the first call needs a callback: after_hours, missed, abandoned, busy, voicemail. */
  reason: string;
  first_call_at: Timestamp;
  last_call_at: Timestamp;
  call_count: Generated<number>;
  /** The PBX's voicemail or recording link, sealed (it may name the caller). */
  voicemail_enc: string | null;
  assignee_user_id: string | null;
  unit_id: string | null;
  due_at: Timestamp;
  remind_at: Timestamp;
  deadline_clock: 'line' | 'working';
  reminded_at: Timestamp | null;
  overdue_at: Timestamp | null;
  /** The first try meets the deadline. */
  first_attempt_at: Timestamp | null;
  failed_tries: Generated<number>;
  outcome: 'reached' | 'not_reached' | 'case' | null;
  case_id: string | null;
  closed_at: Timestamp | null;
  closed_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CallbackCallTable {
  call_id: string;
  task_id: string;
  attached_at: Timestamp;
}

export interface CallbackAttemptTable {
  id: string;
  task_id: string;
  user_id: string;
  result: 'reached' | 'no_answer' | 'busy' | 'invalid_number';
  note_enc: string | null;
  created_at: Timestamp;
}

/** An Open311 client application's API key (migration 0036, ADR 0031); only its SHA-256 is stored. */
export interface Open311KeyTable {
  id: string;
  jurisdiction_id: string;
  name: string;
  key_hash: string;
  prefix: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** One accepted Open311 POST and the case it is tracked by (migration 0036). */
export interface Open311RequestTable {
  id: string;
  jurisdiction_id: string;
  key_id: string;
  /** The service_request_id given for a request attached to another's case (opened ones use the case number). */
  public_id: string;
  token: string;
  /** opened | merged | attached: what unattended intake did with it. */
  outcome: string;
  case_id: string;
  contact_id: string | null;
  service_code: string;
  /** Three decimals (~100 m), what GET requests shows; the exact point is in details_enc. */
  lat_approx: string | null;
  long_approx: string | null;
  /** Sealed JSON: email, device_id, account_id, first and last name, phone. */
  reporter_enc: string | null;
  /** Sealed JSON: exact location, address string and id, media URL, attribute answers. */
  details_enc: string;
  created_at: Timestamp;
}

/** A question a category asks (GeoReport v2 attribute; migration 0036). */
export interface CaseCategoryAttributeTable {
  id: string;
  category_id: string;
  code: string;
  description: string;
  datatype: string;
  required: number;
  datatype_description: string | null;
  /** JSON array of {key, name}, for lists. */
  values_json: string;
  sort_order: number;
}

/** The unit a case's own words named, for the operator who dispatches it (migration 0047, ADR 0044). */
export interface CaseUnitSuggestionTable {
  case_id: string;
  jurisdiction_id: string;
  unit_id: string;
  /** Where it came from: 'petition' (the unit an SMS petition named). */
  source: string;
  /** The words of the message that named it (an org unit's name or alias), so a wrong match shows. */
  matched: string | null;
  created_at: Timestamp;
}

/** A case's place keys as keyed blind indexes, for the same-incident window only (ADR 0037). */
export interface CasePlaceTable {
  place_bidx: string;
  case_id: string;
  jurisdiction_id: string;
  created_at: string;
}
