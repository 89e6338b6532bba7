/** A rate in [0, 1] as a percentage with one decimal; null (nothing to count) is never shown as 0 %. */
export function formatRate(rate: number | null, noData: string): string {
  if (rate === null) return noData;
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/**
 * A call answer rate as the directory shows it ("82%", "94.7%"): whole when whole, else one
 * decimal, rounded DOWN so a cold line at 94.96 % never reads as the 95 % it missed.
 */
export function formatAnswerRate(rate: number): string {
  const tenths = Math.floor(rate * 1000 + 1e-9) / 10;
  return Number.isInteger(tenths) ? `${tenths}%` : `${tenths.toFixed(1)}%`;
}

/** Orders rates with "nothing to count" below 0 %, so a descending sort puts the best first and the empty last. */
export function compareRates(a: number | null, b: number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a - b;
}
