import type { TrackingStage } from '@openline/core';

/** How often the page looks again while the case number is being generated (ADR 0032: seconds). */
export const PROCESSING_REFRESH_MS = 3_000;
/** Then it stops: a backlog that long is better met by the citizen's own refresh than by polling. */
export const PROCESSING_REFRESH_TIMES = 10;

/**
 * react-query's refetchInterval for the tracking page: look again while the appeal is still being
 * processed, a few times, and stop once it has a number (or joined another case).
 */
export function processingRefreshInterval(stage: TrackingStage | undefined, fetchedTimes: number): number | false {
  return stage === 'processing' && fetchedTimes <= PROCESSING_REFRESH_TIMES ? PROCESSING_REFRESH_MS : false;
}
