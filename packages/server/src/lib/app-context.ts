import type { Kysely } from 'kysely';
import type { PiiCipher } from '../crypto/pii.js';
import type { Dialect } from '../db/database.js';
import type { DB } from '../db/schema.js';
import type { SessionCache } from '../modules/auth/session-cache.js';

/** What services need from the outside world; routes pass it down, tests build a real one. */
export interface AppContext {
  db: Kysely<DB>;
  dialect: Dialect;
  pii: PiiCipher;
  /** false only under PUBLIC_RATE_LIMITS=0 (load tests): public intake is not rate-limited. */
  publicRateLimits?: boolean;
  /** PostgreSQL with a listening connection: signed-in reads may skip the session's round trip (ADR 0078). */
  sessions?: SessionCache;
}
