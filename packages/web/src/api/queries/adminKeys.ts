/**
 * Query keys of the admin screens. Lists two screens share (the staff accounts: the users page
 * and the line owners picker) must use the same key, so a write on one refreshes the other.
 */
export const adminKeys = {
  users: ['admin', 'users'] as const,
  lines: ['admin', 'lines'] as const,
  /** The cold-line monitor: its figures change with its thresholds and with imported call records. */
  coldLines: ['admin', 'cold-lines'] as const,
  kb: ['admin', 'kb'] as const,
  audit: (query: object) => ['admin', 'audit', query] as const,
  outbox: (query: object) => ['admin', 'outbox', query] as const,
};
