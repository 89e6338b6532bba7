import { useEffect, useRef } from 'react';

/**
 * Live events from `GET /api/v1/live` (server-sent events, ADR 0020). One EventSource per page,
 * shared by every subscriber, opened with the first and closed with the last. The browser
 * reconnects by itself after a dropped connection; when the server refuses the stream (signed
 * out, a restart in progress) this module retries with a growing pause, up to a minute.
 *
 * The stream's state is on `<html data-live="open|connecting|closed">`, so a test (or a status
 * light) can wait until events will arrive.
 */

export const LIVE_URL = '/api/v1/live';

/** Event type names the server sends (packages/server/src/modules/live/bus.ts). */
export const LIVE_EVENTS = { callOffered: 'call.offered', notification: 'notification' } as const;

type Handler = (data: unknown) => void;

const handlers = new Map<string, Set<Handler>>();
let source: EventSource | null = null;
/** Types this source already listens to (EventSource takes one listener per named event). */
let listening = new Set<string>();
let retryTimer: number | null = null;
let retryMs = 0;
const MIN_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;

function setState(state: 'open' | 'connecting' | 'closed'): void {
  document.documentElement.dataset.live = state;
}

function dispatch(type: string, event: MessageEvent<string>): void {
  let data: unknown;
  try {
    data = JSON.parse(event.data);
  } catch {
    return; // not ours to show
  }
  for (const handler of [...(handlers.get(type) ?? [])]) handler(data);
}

function listen(type: string): void {
  if (!source || listening.has(type)) return;
  listening.add(type);
  source.addEventListener(type, (event) => dispatch(type, event as MessageEvent<string>));
}

function connect(): void {
  retryTimer = null;
  if (source || handlers.size === 0) return;
  setState('connecting');
  const es = new EventSource(LIVE_URL, { withCredentials: true });
  source = es;
  listening = new Set();
  es.addEventListener('ready', () => {
    retryMs = 0;
    setState('open');
  });
  es.onerror = () => {
    // CONNECTING: the browser is already reconnecting. CLOSED: it gave up (an HTTP refusal), so we retry.
    if (es.readyState === EventSource.CONNECTING) return setState('connecting');
    disconnect();
    retryMs = Math.min(MAX_RETRY_MS, Math.max(MIN_RETRY_MS, retryMs * 2));
    retryTimer = window.setTimeout(connect, retryMs);
  };
  for (const type of handlers.keys()) listen(type);
}

function disconnect(): void {
  source?.close();
  source = null;
  listening = new Set();
  setState('closed');
}

function subscribe(type: string, handler: Handler): () => void {
  const set = handlers.get(type) ?? new Set<Handler>();
  set.add(handler);
  handlers.set(type, set);
  if (source) listen(type);
  else if (retryTimer === null) connect();
  return () => {
    set.delete(handler);
    if (set.size === 0) handlers.delete(type);
    if (handlers.size > 0) return;
    if (retryTimer !== null) window.clearTimeout(retryTimer);
    retryTimer = null;
    retryMs = 0;
    disconnect();
  };
}

/**
 * Calls `handler` with each live event of `type` (its JSON data) while the component is mounted
 * and `enabled` holds. The data's shape is the server's contract for that type; check what you use.
 */
export function useLiveEvents<T = unknown>(type: string, handler: (data: T) => void, enabled = true): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) return undefined;
    return subscribe(type, (data) => latest.current(data as T));
  }, [type, enabled]);
}
