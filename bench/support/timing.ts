export interface Timing {
  median: number;
  p95: number;
  max: number;
}

/** Runs `fn` `runs` times in a row and reports the median, 95th percentile and maximum in milliseconds. */
export async function timeRuns(fn: () => Promise<unknown>, runs: number): Promise<Timing> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => Number((times[Math.min(times.length - 1, Math.floor(times.length * q))] ?? 0).toFixed(2));
  return { median: at(0.5), p95: at(0.95), max: Number((times.at(-1) ?? 0).toFixed(2)) };
}
