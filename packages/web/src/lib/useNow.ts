import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs` (a minute by default). Countdowns show minutes,
 * so a finer tick would only cost renders; all countdowns on a page share one component's tick.
 */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
