import { monitorEventLoopDelay, PerformanceObserver, performance, type PerformanceEntry } from 'node:perf_hooks';

/** A span of time in epoch ms (`performance.timeOrigin + performance.now()`): comparable across threads and processes. */
export interface Span {
  from: number;
  to: number;
}

export interface LoopWatched {
  /** Garbage collections of this thread, with V8's kind (1 scavenge, 2 mark-compact, 4 incremental, 8 weak callbacks). */
  gcs: Array<Span & { kind: number }>;
  /** Times the loop ran a timer this much later than due: what held it is not known here, only when. */
  stalls: Span[];
  delayMs: { p50: number; p99: number; max: number };
}

export const epochMs = (now = performance.now()): number => performance.timeOrigin + now;

/**
 * Watches this thread's event loop for a bench's timeline (bench:intake-tail): every GC pause
 * (perf_hooks), the loop's delay percentiles, and each stall longer than `stallMs` as a span, from a
 * timer due every `periodMs` (a stall is the time from when it was due to when it ran).
 */
export function watchLoop(o: { periodMs?: number; stallMs?: number } = {}): { stop(): LoopWatched } {
  const periodMs = o.periodMs ?? 1;
  const stallMs = o.stallMs ?? 3;
  const gcs: LoopWatched['gcs'] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      // Node ≥ 16 puts the GC's kind in `detail` (the DOM's PerformanceEntry type has no such field).
      const kind = ((e as PerformanceEntry & { detail?: { kind?: number } }).detail)?.kind ?? 0;
      gcs.push({ from: epochMs(e.startTime), to: epochMs(e.startTime + e.duration), kind });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const stalls: Span[] = [];
  let due = performance.now() + periodMs;
  const timer = setInterval(() => {
    const now = performance.now();
    if (now - due > stallMs) stalls.push({ from: epochMs(due), to: epochMs(now) });
    due = now + periodMs;
  }, periodMs);
  const ms = (ns: number): number => Number((ns / 1e6).toFixed(1));
  return {
    stop() {
      clearInterval(timer);
      delay.disable();
      observer.disconnect();
      return { gcs, stalls, delayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) } };
    },
  };
}
