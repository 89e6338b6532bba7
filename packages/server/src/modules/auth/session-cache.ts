import type { Dialect } from '../../db/database.js';
import { liveBus } from '../live/bus.js';
import { PgLiveBus, type ChannelWatcher } from '../live/pg-bus.js';
import type { SessionUser } from './service.js';

/**
 * Signed-in reads authorised from memory on PostgreSQL (ADR 0078).
 *
 * Every signed-in request first reads its session, user, unit and roles. On PostgreSQL that is a
 * round trip of its own before the request's real work, and on two cores shared by Node, the
 * backend and the client it was half of the screen-pop's tail (issue 10 §2). A read (GET) may take
 * the session from here instead; a write always reads it afresh, so nothing is ever changed on the
 * authority of a session that has just ended.
 *
 * What is remembered can change (an admin disables a user, removes a role; the user signs out), so
 * the cache is used only while it hears of every such change: database triggers (migration 0070)
 * NOTIFY on AUTH_CHANGES_CHANNEL whenever sessions, users, their roles or units change, by any
 * process or by hand, and each process clears its whole cache on hearing it. While the process's
 * listening connection is down nothing is remembered or served, since changes may go unheard.
 * A change made by this process clears the cache before its answer is sent (no wait for its own
 * notification); another process's change reaches a read here after its NOTIFY arrives,
 * milliseconds after its commit. Entries live at most MAX_AGE_MS whatever is heard, and never past
 * the session's own expiry.
 */
export const AUTH_CHANGES_CHANNEL = 'openline_auth';
export const SESSION_CACHE_MAX_AGE_MS = 5_000;
/** Far more than a city's people signed in at once; beyond it the oldest entries go first. */
const MAX_ENTRIES = 10_000;

/**
 * Where the cache hears of changes: the process's listening connection (PgLiveBus.watch). It says
 * `listening(true)` once the channel is really listened to (at once if it already is) and
 * `listening(false)` when the connection is lost.
 */
export interface AuthChangeFeed {
  watch(channel: string, watcher: ChannelWatcher): () => void;
}

interface Entry {
  user: SessionUser;
  /** Epoch ms: the earlier of the session's expiry and when it was remembered + MAX_AGE_MS. */
  until: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every change heard: a read that began before it must not be remembered after it. */
  private generation = 0;
  /** Off until the feed says the channel is listened to. */
  private heard = false;
  private readonly unwatch: () => void;
  /** Reads looked up while the cache was in use, since the process started (for /metrics). */
  private hits = 0;
  private misses = 0;

  constructor(feed: AuthChangeFeed, private readonly o: { maxAgeMs?: number; maxEntries?: number } = {}) {
    this.unwatch = feed.watch(AUTH_CHANGES_CHANNEL, {
      notified: () => this.clear(),
      listening: (up) => {
        // Down: changes may go unheard from now on. Up again: some may have gone unheard already.
        this.heard = up;
        this.clear();
      },
    });
  }

  /** The session's user if remembered and still good; undefined means: read it from the database. */
  lookup(sessionId: string, nowMs = Date.now()): SessionUser | undefined {
    if (!this.heard) return undefined;
    const entry = this.entries.get(sessionId);
    if (entry && entry.until > nowMs) {
      this.hits++;
      return entry.user;
    }
    if (entry) this.entries.delete(sessionId);
    this.misses++;
    return undefined;
  }

  /** Taken before reading a session from the database; given back to remember() with what was read. */
  mark(): number {
    return this.generation;
  }

  remember(mark: number, sessionId: string, user: SessionUser, sessionExpiresAtMs: number, nowMs = Date.now()): void {
    // A change was heard while the session was being read: what was read may be from before it.
    if (!this.heard || mark !== this.generation) return;
    this.entries.delete(sessionId);
    if (this.entries.size >= (this.o.maxEntries ?? MAX_ENTRIES)) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(sessionId, { user, until: Math.min(sessionExpiresAtMs, nowMs + (this.o.maxAgeMs ?? SESSION_CACHE_MAX_AGE_MS)) });
  }

  /** Everything forgotten: this process changed a user, their roles or sessions. */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  /** What operations see on /metrics: whether it is in use, how full, how often it answered. */
  stats(): { listening: boolean; entries: number; hits: number; misses: number } {
    return { listening: this.heard, entries: this.entries.size, hits: this.hits, misses: this.misses };
  }

  close(): void {
    this.unwatch();
    this.heard = false;
    this.clear();
  }
}

/**
 * The app's cache: on PostgreSQL when the process's live bus listens there (main.ts, the worker
 * and the multi-process apps start it before building the app); otherwise none, and every request
 * reads its session (SQLite: a local statement of microseconds; an app built without the bus
 * would hear no change).
 */
export function sessionCacheFor(dialect: Dialect, wanted: boolean): SessionCache | undefined {
  const bus = liveBus();
  return wanted && dialect === 'postgres' && bus instanceof PgLiveBus ? new SessionCache(bus) : undefined;
}
