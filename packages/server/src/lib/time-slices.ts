/**
 * Longest run of CPU-bound steps before the event loop gets a turn. A request that arrives
 * meanwhile waits at most about this long (plus one step), so a daily retraining running in
 * the web process (WORKER=1, the default) leaves the API answering (ADR 0068).
 */
export const SLICE_MS = 15;

/**
 * Runs a generator of CPU-bound steps (e.g. core's trainWithHeldOutSteps) to its result,
 * yielding to the event loop (setImmediate: timers and I/O first) whenever a slice has run
 * SLICE_MS. The steps' arithmetic is unchanged, so the result is the same as running them at once.
 */
export async function runInTimeSlices<T>(steps: Generator<void, T>, sliceMs: number = SLICE_MS): Promise<T> {
  let sliceEnd = performance.now() + sliceMs;
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() >= sliceEnd) {
      await yieldToEventLoop();
      sliceEnd = performance.now() + sliceMs;
    }
  }
}

/**
 * A turn for the event loop between database statements. With SQLite a query runs synchronously
 * and its await resolves as a microtask, so a loop of awaited statements never lets a timer or
 * a request in until it ends (2 s for the priority refresh's updates at 45,000 open cases).
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
