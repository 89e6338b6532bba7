/**
 * A database refusing a write because of the data in it (a taken unique value, a missing
 * referenced row, a value out of range), told apart the same way on both dialects. Services
 * check these cases themselves and say which field; this is what the error handler falls back
 * on when one slips through (two simultaneous requests, a check not written yet), so the caller
 * still gets a 4xx instead of a 500.
 */
export type DatabaseRefusal =
  | { kind: 'unique'; fields: string[] }
  | { kind: 'foreign_key' }
  | { kind: 'invalid_value' };

// PostgreSQL SQLSTATEs: class 22 is "data exception" (22001 too long, 22003 out of range,
// 22021 bad character, 22P02 bad text representation, …); 23502 not null, 23514 check.
const PG_INVALID_VALUE = (code: string): boolean => code.startsWith('22') || code === '23502' || code === '23514';
const SQLITE_INVALID_VALUE = new Set(['SQLITE_CONSTRAINT_NOTNULL', 'SQLITE_CONSTRAINT_CHECK', 'SQLITE_TOOBIG', 'SQLITE_MISMATCH']);

export function classifyDatabaseError(error: unknown): DatabaseRefusal | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, detail, message } = error as { code?: unknown; detail?: unknown; message?: unknown };
  if (typeof code !== 'string') return null;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return { kind: 'unique', fields: uniqueFields(typeof detail === 'string' ? detail : '', typeof message === 'string' ? message : '') };
  }
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return { kind: 'foreign_key' };
  if (PG_INVALID_VALUE(code) || SQLITE_INVALID_VALUE.has(code)) return { kind: 'invalid_value' };
  return null;
}

/**
 * The API names of the columns of the violated constraint: PostgreSQL's detail
 * "Key (jurisdiction_id, number)=(…) already exists." or SQLite's message
 * "UNIQUE constraint failed: lines.jurisdiction_id, lines.number". Only column names are
 * taken (never the values, which may be personal data); the jurisdiction scope is implied.
 */
function uniqueFields(pgDetail: string, sqliteMessage: string): string[] {
  const columns = /^Key \(([^)]*)\)=/.exec(pgDetail)?.[1]?.split(',') ?? /constraint failed: (.*)$/.exec(sqliteMessage)?.[1]?.split(',') ?? [];
  return columns
    .map((c) => c.trim().replace(/^\w+\./, ''))
    .filter((c) => c !== '' && c !== 'jurisdiction_id')
    .map((c) => c.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase()));
}

/**
 * The database cannot take writes (read-only file or transaction, disk full) or cannot be
 * reached (connection refused or cut, server shutting down, too many connections, SQLite busy
 * past its timeout). Nothing about the request is wrong: the caller is told 503 and to retry,
 * and nothing half-done was acknowledged (the transaction did not commit).
 */
export type DatabaseOutage = 'read_only' | 'full' | 'unreachable';

const PG_UNREACHABLE = (code: string): boolean => code.startsWith('08') || code.startsWith('57P') || code === '53300';
const NODE_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

export function classifyDatabaseOutage(error: unknown): DatabaseOutage | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (code === '25006' || code.startsWith('SQLITE_READONLY')) return 'read_only';
    if (code === '53100' || code === 'SQLITE_FULL') return 'full';
    if (PG_UNREACHABLE(code) || NODE_NETWORK.has(code) || /^SQLITE_(IOERR|CANTOPEN|BUSY)/.test(code)) return 'unreachable';
  }
  // node-postgres reports a connection the server closed mid-query by message only.
  if (typeof message === 'string' && /^Connection terminated/.test(message)) return 'unreachable';
  return null;
}
