import type { ServerResponse } from 'node:http';
import type { LiveBus, LiveMessage } from './bus.js';

/** Limits of the live streams (defaults in DEFAULT_LIVE_OPTIONS; tests shorten them). */
export interface LiveHubOptions {
  /** A comment line this often keeps proxies from closing an idle stream and finds dead ones. */
  heartbeatMs: number;
  /** Open streams per person; opening one more closes that person's oldest. */
  maxStreamsPerUser: number;
  /** A stream is ended after this long; the browser reconnects and its session is checked again. */
  maxStreamMs: number;
  /** Buffered bytes a stream may fall behind by before it is dropped as a client that stopped reading. */
  maxBufferedBytes: number;
}

export const DEFAULT_LIVE_OPTIONS: LiveHubOptions = { heartbeatMs: 25_000, maxStreamsPerUser: 5, maxStreamMs: 15 * 60_000, maxBufferedBytes: 1024 * 1024 };

/** How long the browser waits before reconnecting after a stream ends (the SSE `retry` field). */
const RECONNECT_MS = 3_000;

interface Stream {
  userId: string;
  res: ServerResponse;
  openedAt: number;
  nextId: number;
  /** Events published while the stream's replay is being read: sent after it, in order. */
  held: Array<{ type: string; data: unknown }> | null;
}

/** What a newly opened stream is told first: the state it would have seen had it been open (ringing calls). */
export type LiveReplay = () => Promise<ReadonlyArray<{ type: string; data: unknown }>>;

/**
 * The open SSE streams of one app, by person. It listens to the bus and writes each message to
 * the streams of the people it names; streams are removed when the client goes away, when they
 * age out, when the person opens too many, and when the app closes.
 */
export class LiveHub {
  private readonly byUser = new Map<string, Stream[]>();
  private readonly stopListening: () => void;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly bus: LiveBus, private readonly options: LiveHubOptions = DEFAULT_LIVE_OPTIONS) {
    this.stopListening = bus.subscribe((message) => this.deliver(message));
    this.timer = setInterval(() => this.tick(), options.heartbeatMs);
    this.timer.unref();
  }

  /**
   * Starts an event stream on a response whose headers are not yet sent. With `replay`, the
   * events it reads are sent right after `ready`; what the bus delivers meanwhile is held and sent
   * after them, so a call answered while its replay was read is dropped (its `call.answered` comes
   * last) rather than left ringing on the screen. The person counts as online before the replay
   * is read, so nothing published after that read can miss the stream.
   */
  open(userId: string, res: ServerResponse, headers: Record<string, string>, replay?: LiveReplay): void {
    res.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // nginx would otherwise buffer the stream and deliver events late.
      'x-accel-buffering': 'no',
    });
    const stream: Stream = { userId, res, openedAt: Date.now(), nextId: 1, held: replay ? [] : null };
    const streams = this.byUser.get(userId) ?? [];
    streams.push(stream);
    this.byUser.set(userId, streams);
    this.bus.markOnline(userId, 1);
    while (streams.length > this.options.maxStreamsPerUser) {
      const oldest = streams[0];
      if (oldest) this.close(oldest);
    }
    res.on('close', () => this.remove(stream));
    this.write(stream, `retry: ${RECONNECT_MS}\n\n`);
    this.send(stream, 'ready', {});
    if (replay) void this.replay(stream, replay);
  }

  private async replay(stream: Stream, read: LiveReplay): Promise<void> {
    let events: ReadonlyArray<{ type: string; data: unknown }> = [];
    try {
      events = await read();
    } catch (error) {
      // Best effort, like every live event (ADR 0020): the stream goes on without the replay.
      console.error(`live replay failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const held = stream.held ?? [];
    stream.held = null;
    for (const e of [...events, ...held]) this.send(stream, e.type, e.data);
  }

  /** How many streams a person has open (tests, and a future admin page). */
  streamCount(userId: string): number {
    return this.byUser.get(userId)?.length ?? 0;
  }

  /** Ends every stream and stops listening: the app is closing. */
  closeAll(): void {
    this.stopListening();
    clearInterval(this.timer);
    for (const streams of [...this.byUser.values()]) for (const s of [...streams]) this.close(s);
  }

  private deliver(message: LiveMessage): void {
    for (const userId of message.userIds) {
      for (const stream of [...(this.byUser.get(userId) ?? [])]) {
        if (stream.held) stream.held.push({ type: message.type, data: message.data });
        else this.send(stream, message.type, message.data);
      }
    }
  }

  private send(stream: Stream, type: string, data: unknown): void {
    const id = stream.nextId++;
    // JSON.stringify never emits a raw newline, so the data is one `data:` line.
    this.write(stream, `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private write(stream: Stream, chunk: string): void {
    if (stream.res.writableEnded || stream.res.destroyed) return this.remove(stream);
    if (stream.res.writableLength > this.options.maxBufferedBytes) return this.close(stream);
    stream.res.write(chunk);
  }

  private tick(): void {
    const now = Date.now();
    for (const streams of [...this.byUser.values()]) {
      for (const stream of [...streams]) {
        if (now - stream.openedAt >= this.options.maxStreamMs) this.close(stream);
        else this.write(stream, ': heartbeat\n\n');
      }
    }
  }

  private close(stream: Stream): void {
    this.remove(stream);
    if (!stream.res.writableEnded) stream.res.end();
  }

  private remove(stream: Stream): void {
    const streams = this.byUser.get(stream.userId);
    if (!streams) return;
    const at = streams.indexOf(stream);
    if (at < 0) return;
    streams.splice(at, 1);
    this.bus.markOnline(stream.userId, -1);
    if (streams.length === 0) this.byUser.delete(stream.userId);
  }
}
