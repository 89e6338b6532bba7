/**
 * Live events: what the server pushes to signed-in people while they look at a screen (a call
 * ringing, a new notification). Delivery is best effort and in memory: a person who is not
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
 * Where events are published and heard. In one process the in-memory bus below does; several
 * server processes (issue 13) need one that carries messages between them, such as PostgreSQL
 * LISTEN/NOTIFY, behind this same interface, so publishers and the SSE hub do not change.
 */
export interface LiveBus {
  publish(message: LiveMessage): void;
  /** Returns the function that stops listening. */
  subscribe(listener: LiveListener): () => void;
}

export class InProcessLiveBus implements LiveBus {
  private readonly listeners = new Set<LiveListener>();

  publish(message: LiveMessage): void {
    for (const listener of this.listeners) {
      // A failing listener (a stream that broke mid-write) must not stop delivery to the others.
      try {
        listener(message);
      } catch {
        /* the listener's own cleanup handles its broken stream */
      }
    }
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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

/** Replaces the process's bus (a multi-process implementation at startup). */
export function useLiveBus(bus: LiveBus): void {
  processBus = bus;
}

/**
 * Who has a stream open in this process, so a publisher can skip work nobody would see (the
 * screen-pop's history lookup on every ringing call). A multi-process bus must share this too.
 */
const online = new Map<string, number>();

export function markOnline(userId: string, delta: 1 | -1): void {
  const n = (online.get(userId) ?? 0) + delta;
  if (n > 0) online.set(userId, n);
  else online.delete(userId);
}

export function isOnline(userId: string): boolean {
  return online.has(userId);
}

export function anyoneOnline(): boolean {
  return online.size > 0;
}
