import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_outbox.js';
import * as m0003 from './0003_lifecycle.js';
import * as m0004 from './0004_tokens_and_id_numbers.js';
import * as m0005 from './0005_active_deadline_index.js';
import * as m0006 from './0006_search_and_knowledge.js';
import * as m0007 from './0007_caller_recent_index.js';
import * as m0008 from './0008_routing_models.js';
import * as m0009 from './0009_routing_feedback.js';
import * as m0010 from './0010_case_priority.js';
import * as m0011 from './0011_case_vulnerabilities.js';
import * as m0012 from './0012_inbound_sms.js';
import * as m0013 from './0013_outbox_secret.js';
import * as m0014 from './0014_cases_line_index.js';
import * as m0015 from './0015_rate_limits.js';
import * as m0016 from './0016_sealed_free_text.js';
import * as m0018 from './0018_job_runs.js';
import * as m0019 from './0019_caller_protected.js';
import * as m0020 from './0020_daily_figures.js';
import * as m0021 from './0021_more_figures.js';
import * as m0022 from './0022_call_records.js';
import * as m0023 from './0023_unit_daily_figures.js';
import * as m0025 from './0025_daily_unit_index.js';
import * as m0026 from './0026_caller_history.js';
import * as m0027 from './0027_cold_lines.js';
import * as m0028 from './0028_callback_tasks.js';
import * as m0030 from './0030_supervision_actions.js';
import * as m0031 from './0031_notifications.js';
import * as m0032 from './0032_case_categories.js';
import * as m0033 from './0033_officials_desk.js';
import * as m0034 from './0034_petitions.js';
import * as m0036 from './0036_open311.js';
import * as m0037 from './0037_public_intake.js';
import * as m0038 from './0038_live_messages.js';
import * as m0039 from './0039_operations.js';
import * as m0040 from './0040_attachments.js';
import * as m0041 from './0041_caller_flags.js';
import * as m0042 from './0042_case_places.js';
import * as m0043 from './0043_public_intake_request_id.js';
import * as m0044 from './0044_case_list_indexes.js';
import * as m0045 from './0045_operator_queue_indexes.js';
import * as m0046 from './0046_line_call_snapshots.js';
import * as m0047 from './0047_case_unit_suggestions.js';
import * as m0048 from './0048_category_models.js';
import * as m0051 from './0051_case_scopes.js';
import * as m0054 from './0054_case_places_by_case.js';
import * as m0055 from './0055_case_number_prefix_index.js';
import * as m0056 from './0056_case_scope_deadlines.js';
import * as m0057 from './0057_search_documents_created_at.js';
import * as m0062 from './0062_intake_write_indexes.js';
import * as m0063 from './0063_cases_on_desk_index.js';
import * as m0064 from './0064_search_bucket_tokens.js';
import * as m0066 from './0066_public_intake_rowid.js';
import * as m0067 from './0067_startup_backfill_indexes.js';
import * as m0068 from './0068_case_family_callers.js';
import * as m0069 from './0069_cases_urgent_index.js';
import * as m0070 from './0070_auth_change_notify.js';
import * as m0071 from './0071_callbacks_to_centre.js';
import * as m0072 from './0072_notification_facts.js';

/**
 * Migrations are listed here rather than read from the folder, so they work the same from
 * TypeScript sources (tests) and the compiled build, and the order is explicit.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_outbox': m0002,
  '0003_lifecycle': m0003,
  '0004_tokens_and_id_numbers': m0004,
  '0005_active_deadline_index': m0005,
  '0006_search_and_knowledge': m0006,
  '0007_caller_recent_index': m0007,
  '0008_routing_models': m0008,
  '0009_routing_feedback': m0009,
  '0010_case_priority': m0010,
  '0011_case_vulnerabilities': m0011,
  '0012_inbound_sms': m0012,
  '0013_outbox_secret': m0013,
  '0014_cases_line_index': m0014,
  '0015_rate_limits': m0015,
  '0016_sealed_free_text': m0016,
  '0018_job_runs': m0018,
  '0019_caller_protected': m0019,
  '0020_daily_figures': m0020,
  '0021_more_figures': m0021,
  '0022_call_records': m0022,
  '0023_unit_daily_figures': m0023,
  '0025_daily_unit_index': m0025,
  '0026_caller_history': m0026,
  '0027_cold_lines': m0027,
  '0028_callback_tasks': m0028,
  '0030_supervision_actions': m0030,
  '0031_notifications': m0031,
  '0032_case_categories': m0032,
  '0033_officials_desk': m0033,
  '0034_petitions': m0034,
  '0036_open311': m0036,
  '0037_public_intake': m0037,
  '0038_live_messages': m0038,
  '0039_operations': m0039,
  '0040_attachments': m0040,
  '0041_caller_flags': m0041,
  '0042_case_places': m0042,
  '0043_public_intake_request_id': m0043,
  '0044_case_list_indexes': m0044,
  '0045_operator_queue_indexes': m0045,
  '0046_line_call_snapshots': m0046,
  '0047_case_unit_suggestions': m0047,
  '0048_category_models': m0048,
  '0051_case_scopes': m0051,
  '0054_case_places_by_case': m0054,
  '0055_case_number_prefix_index': m0055,
  '0056_case_scope_deadlines': m0056,
  '0057_search_documents_created_at': m0057,
  '0062_intake_write_indexes': m0062,
  '0063_cases_on_desk_index': m0063,
  '0064_search_bucket_tokens': m0064,
  '0066_public_intake_rowid': m0066,
  '0067_startup_backfill_indexes': m0067,
  '0068_case_family_callers': m0068,
  '0069_cases_urgent_index': m0069,
  '0070_auth_change_notify': m0070,
  '0071_callbacks_to_centre': m0071,
  '0072_notification_facts': m0072,
};
