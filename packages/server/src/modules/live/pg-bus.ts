import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '../../db/schema.js';
import { deliverTo, LocalPresence, type LiveBus, type LiveListener, type LiveMessage } from './bus.js';
import { deleteLiveMessagesBefore, findLiveMessage, insertLiveMessage, notifyChannel } from './repository.js';
import { RemotePresence } from './remote-presence.js';

/**
 * The live bus of several server processes on one PostgreSQL (ADR 0033): every event is sent
 * with NOTIFY on one channel and every process LISTENs on its own connection, delivering to the
 * streams it holds (its own events come back the same way, so delivery order is the same
 * everywhere). Presence (who has a stream open where) travels on the same channel, so a
 * publisher in one process may skip work when nobody in any process is watching.
 *
 * Best effort, as in one process (ADR 0020): what is published while a process's listening
 * connection is down does not reach its streams; anything that must not be missed is stored.
 */

/** NOTIFY payloads are limited to 8000 bytes; larger envelopes go through `live_messages`. */
export const MAX_NOTIFY_BYTES = 7900;

/** What travels on the channel. `f` is the sending process; the listener ignores its own presence. */
type Envelope =
  | { k: 'event'; f: string; u: readonly string[]; t: string; d: unknown }
  | { k: 'stored'; f: string; id: string }
  /** Presence changes of one process since its last message. */
  | { k: 'presence'; f: string; on: string[]; off: string[] }
  /** All of one process's present people (periodically, and when asked). */
  | { k: 'snapshot'; f: string; u: string[] }
  /** A process (re)joined: the others answer with a snapshot. */
  | { k: 'hello'; f: string }
  | { k: 'bye'; f: string };

export interface PgLiveBusOptions {
  connectionString: string;
  /** The app's pool: NOTIFY and the stored envelopes go through it. */
  db: Kysely<DB>;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  channel?: string;
  /** How often each process repeats its presence (and checks its listening connection). */
  snapshotMs?: number;
  /** The first wait before reconnecting a lost listening connection; doubled up to 30 s. */
  reconnectMs?: number;
}

const STORED_TTL_MS = 60_000;
/** How the listening connections show in pg_stat_activity (operations, the reconnect test). */
export const LISTENER_NAME = 'openline-live';

/**
 * Something else heard on the bus's listening connection (another channel): `notified` for each
 * notification, `listening` when the connection is lost (false) and when it listens again (true),
 * because whatever was notified in between was not heard.
 */
export interface ChannelWatcher {
  notified(payload: string): void;
  listening(up: boolean): void;
}

export class PgLiveBus implements LiveBus {
  readonly processId = randomUUID();
  private readonly listeners = new Set<LiveListener>();
  private readonly watchers = new Map<string, Set<ChannelWatcher>>();
  /** The watched channels the current connection has LISTENed to (a watcher is heard only from then). */
  private listened = new Set<string>();
  private readonly local = new LocalPresence();
  private readonly remote: RemotePresence;
  private readonly channel: string;
  private readonly snapshotMs: number;
  private readonly reconnectMs: number;
  private client: pg.Client | undefined;
  private connected = false;
  private closed = false;
  private retryMs: number;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly snapshotTimer: NodeJS.Timeout;
  private pending: { on: Set<string>; off: Set<string> } | undefined;
  private lastCleanup = 0;

  constructor(private readonly o: PgLiveBusOptions) {
    this.channel = o.channel ?? 'openline_live';
    this.snapshotMs = o.snapshotMs ?? 10_000;
    this.reconnectMs = o.reconnectMs ?? 1_000;
    this.retryMs = this.reconnectMs;
    // A process not heard from for three rounds is gone (killed without its `bye`).
    this.remote = new RemotePresence(3 * this.snapshotMs);
    this.snapshotTimer = setInterval(() => void this.tick(), this.snapshotMs);
    this.snapshotTimer.unref();
  }

  /** Connects the listening connection. A failure is retried in the background, never thrown. */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Whether the listening connection is up (health, tests). */
  get listening(): boolean {
    return this.connected;
  }

  publish(message: LiveMessage): void {
    const envelope: Envelope = { k: 'event', f: this.processId, u: message.userIds, t: message.type, d: message.data };
    this.send(envelope).catch((err: unknown) => {
      // The database is unreachable: at least this process's own streams get the event.
      this.o.log.warn({ err }, 'live event not sent to other processes; delivered here only');
      deliverTo(this.listeners, message);
    });
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Listens on another channel through the same connection (one per process, not one per
   * watcher): the session cache hears there that sessions, users or roles changed (ADR 0078).
   */
  watch(channel: string, watcher: ChannelWatcher): () => void {
    let set = this.watchers.get(channel);
    if (!set) {
      set = new Set();
      this.watchers.set(channel, set);
    }
    set.add(watcher);
    const client = this.client;
    if (this.listened.has(channel)) watcher.listening(true);
    else if (client && this.connected && set.size === 1) {
      // Connected, but not to this channel yet: its watchers are told once the LISTEN is in
      // place, not before (a change in between would go unheard). A failure is a lost connection.
      const watching = set;
      client.query(`LISTEN ${pg.escapeIdentifier(channel)}`).then(() => {
        if (this.client !== client || !this.connected) return;
        this.listened.add(channel);
        for (const w of watching) w.listening(true);
      }, (err: unknown) => this.lost(client, err));
    }
    return () => this.watchers.get(channel)?.delete(watcher);
  }

  markOnline(userId: string, delta: 1 | -1): void {
    if (!this.local.mark(userId, delta)) return;
    // Changes of one tick (a page opening several streams, a shutdown closing all) go as one message.
    if (!this.pending) {
      this.pending = { on: new Set(), off: new Set() };
      setImmediate(() => this.flushPresence());
    }
    const [add, remove] = delta === 1 ? [this.pending.on, this.pending.off] : [this.pending.off, this.pending.on];
    remove.delete(userId);
    add.add(userId);
  }

  isOnline(userId: string): boolean {
    return this.local.has(userId) || this.remote.has(userId);
  }

  anyoneOnline(): boolean {
    return this.local.size > 0 || this.remote.any();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.snapshotTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.send({ k: 'bye', f: this.processId }).catch(() => undefined);
    this.listeners.clear();
    const client = this.client;
    this.client = undefined;
    this.connected = false;
    this.listened = new Set();
    this.tellWatchers(false);
    this.watchers.clear();
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.o.connectionString, keepAlive: true, application_name: LISTENER_NAME });
    client.on('notification', (n) => {
      if (n.channel === this.channel && n.payload !== undefined) void this.receive(n.payload);
      else for (const w of this.watchers.get(n.channel) ?? []) w.notified(n.payload ?? '');
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    this.client = client;
    try {
      await client.connect();
      for (const channel of [this.channel, ...this.watchers.keys()]) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      this.lost(client, err);
      return;
    }
    this.connected = true;
    this.retryMs = this.reconnectMs;
    this.listened = new Set(this.watchers.keys());
    this.tellWatchers(true);
    // What was said while we were away is lost; the others' presence is asked for again.
    await this.send({ k: 'hello', f: this.processId }).catch(() => undefined);
    await this.sendSnapshot().catch(() => undefined);
  }

  private lost(client: pg.Client, err: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.connected = false;
    this.listened = new Set();
    this.tellWatchers(false);
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.o.log.error({ err, retryInMs: this.retryMs }, 'live events: PostgreSQL listening connection lost; reconnecting');
    this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, 30_000);
  }

  private tellWatchers(up: boolean): void {
    for (const set of this.watchers.values()) for (const w of set) w.listening(up);
  }

  /** Each round: repeat our presence, and find a listening connection that died without an error. */
  private async tick(): Promise<void> {
    const client = this.client;
    if (client && this.connected) {
      try {
        await client.query('select 1');
      } catch (err) {
        this.lost(client, err);
      }
    }
    await this.sendSnapshot().catch((err: unknown) => this.o.log.warn({ err }, 'live presence not sent'));
  }

  private flushPresence(): void {
    const p = this.pending;
    this.pending = undefined;
    if (!p || p.on.size + p.off.size === 0) return;
    this.send({ k: 'presence', f: this.processId, on: [...p.on], off: [...p.off] }).catch((err: unknown) =>
      this.o.log.warn({ err }, 'live presence not sent; the next snapshot repeats it'),
    );
  }

  private async sendSnapshot(): Promise<void> {
    if (this.local.size > 0) await this.send({ k: 'snapshot', f: this.processId, u: this.local.users() });
  }

  private async send(envelope: Envelope): Promise<void> {
    const body = JSON.stringify(envelope);
    if (Buffer.byteLength(body) <= MAX_NOTIFY_BYTES) return notifyChannel(this.o.db, this.channel, body);
    const now = Date.now();
    const id = randomUUID();
    await insertLiveMessage(this.o.db, { id, body, createdAt: new Date(now).toISOString() });
    await notifyChannel(this.o.db, this.channel, JSON.stringify({ k: 'stored', f: this.processId, id } satisfies Envelope));
    if (now - this.lastCleanup > STORED_TTL_MS) {
      this.lastCleanup = now;
      await deleteLiveMessagesBefore(this.o.db, new Date(now - STORED_TTL_MS).toISOString());
    }
  }

  private async receive(payload: string): Promise<void> {
    try {
      let envelope = JSON.parse(payload) as Envelope;
      if (envelope.k === 'stored') {
        const body = await findLiveMessage(this.o.db, envelope.id);
        if (body === undefined) return;
        envelope = JSON.parse(body) as Envelope;
      }
      this.handle(envelope);
    } catch (err) {
      this.o.log.warn({ err }, 'live event from another process not delivered');
    }
  }

  private handle(e: Envelope): void {
    if (e.k === 'event') return deliverTo(this.listeners, { userIds: e.u, type: e.t, data: e.d });
    if (e.f === this.processId) return;
    switch (e.k) {
      case 'presence':
        return this.remote.change(e.f, e.on, e.off);
      case 'snapshot':
        return this.remote.replace(e.f, e.u);
      case 'hello':
        void this.sendSnapshot().catch(() => undefined);
        return;
      case 'bye':
        return this.remote.forget(e.f);
      default:
        return;
    }
  }
}
