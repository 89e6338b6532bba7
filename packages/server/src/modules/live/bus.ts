/**
 * Live events: what the server pushes to signed-in people while they look at a screen (a call
 * ringing, a new notification). Delivery is best effort (in memory, or between processes by
 * PostgreSQL NOTIFY, ADR 0033): a person who is not
 * connected misses the event, so anything that must not be missed is also stored (a call record,
 * a notification row) and the screen reads it on load (ADR 0020).
 */

/** Event type names. A type is a short dotted lower-case word; the web subscribes by it. */
export const LIVE_EVENT_TYPES = {
  /** An inbound call is ringing on a line this person answers (screen-pop, issue 10 §2). */
  callOffered: 'call.offered',
  /** That call was answered (by whom, if known): other screens can drop their pop-up. */
  callAnswered: 'call.answered',
  /** That call ended (its outcome). */
  callEnded: 'call.ended',
  /** A notification for this person's bell (issue 12 §4). */
  notification: 'notification',
} as const;

export const LIVE_EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_.-]{0,63}$/;

/** One event for some people. `data` is sent as JSON; it must already be masked for every recipient. */
export interface LiveMessage {
  userIds: readonly string[];
  type: string;
  data: unknown;
}

export type LiveListener = (message: LiveMessage) => void;

/**
 * Where events are published and heard, and who has a stream open. In one process the in-memory
 * bus below does both; several server processes on PostgreSQL use `PgLiveBus` (pg-bus.ts, ADR
 * 0033), which carries both between processes, behind this same interface, so publishers and the
 * SSE hub do not change.
 */
export interface LiveBus {
  publish(message: LiveMessage): void;
  /** Returns the function that stops listening. */
  subscribe(listener: LiveListener): () => void;
  /** A stream of this person was opened (+1) or closed (-1) in this process. */
  markOnline(userId: string, delta: 1 | -1): void;
  /** Whether this person has a stream open in any process the bus reaches. */
  isOnline(userId: string): boolean;
  /** Whether anybody has: lets a publisher skip work nobody would see. */
  anyoneOnline(): boolean;
  close(): Promise<void>;
}

/** Open streams per person in one process (the presence every bus keeps for its own streams). */
export class LocalPresence {
  private readonly counts = new Map<string, number>();

  /** Returns whether the person's presence changed (first stream opened, last one closed). */
  mark(userId: string, delta: 1 | -1): boolean {
    const before = this.counts.get(userId) ?? 0;
    const n = before + delta;
    if (n > 0) this.counts.set(userId, n);
    else this.counts.delete(userId);
    return (before === 0) !== (n <= 0);
  }

  has(userId: string): boolean {
    return this.counts.has(userId);
  }

  get size(): number {
    return this.counts.size;
  }

  users(): string[] {
    return [...this.counts.keys()];
  }
}

/** Calls each listener; a failing one (a stream that broke mid-write) must not stop delivery to the others. */
export function deliverTo(listeners: Iterable<LiveListener>, message: LiveMessage): void {
  for (const listener of listeners) {
    try {
      listener(message);
    } catch {
      /* the listener's own cleanup handles its broken stream */
    }
  }
}

/** One process (SQLite, or a single PostgreSQL process): events and presence stay in memory. */
export class InProcessLiveBus implements LiveBus {
  private readonly listeners = new Set<LiveListener>();
  private readonly presence = new LocalPresence();

  publish(message: LiveMessage): void {
    deliverTo(this.listeners, message);
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  markOnline(userId: string, delta: 1 | -1): void {
    this.presence.mark(userId, delta);
  }

  isOnline(userId: string): boolean {
    return this.presence.has(userId);
  }

  anyoneOnline(): boolean {
    return this.presence.size > 0;
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

let processBus: LiveBus = new InProcessLiveBus();

/**
 * The process's bus. One per process rather than per app, so the background worker running in
 * the same process (npm start) reaches the same streams as the HTTP routes.
 */
export function liveBus(): LiveBus {
  return processBus;
}

/** Replaces the process's bus (the PostgreSQL bus at startup); returns the one it replaced. Call before buildApp. */
export function useLiveBus(bus: LiveBus): LiveBus {
  const before = processBus;
  processBus = bus;
  return before;
}

/** Whether this person has a stream open anywhere the process's bus reaches. */
export function isOnline(userId: string): boolean {
  return processBus.isOnline(userId);
}

export function anyoneOnline(): boolean {
  return processBus.anyoneOnline();
}
