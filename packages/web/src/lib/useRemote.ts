import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { isAbortError } from '../api/client';

export type RemoteState<T> =
  | { status: 'idle' }
  | { status: 'loading'; data?: T }
  | { status: 'success'; data: T }
  | { status: 'error'; error: unknown; data?: T };

/**
 * Superseded by TanStack Query (docs/architecture.md, Web console): only the CTI tokens section
 * still uses it, until it is merged with the Open311 keys page; then delete this file.
 *
 * Loads data for `key` and reloads when it changes; `null` means "nothing to load". Earlier
 * requests are aborted, so a slow answer for page 1 can never overwrite page 2. The last data
 * stays available while reloading, which keeps tables from flashing empty between pages.
 */
export function useRemote<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): RemoteState<T> & { reload: () => void; replace: (data: T) => void } {
  const [state, setState] = useState<RemoteState<T>>(key === null ? { status: 'idle' } : { status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // The latest loader, so callers may pass an inline function without re-triggering the effect.
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: 'data' in previous ? previous.data : undefined }));
    loadRef.current(controller.signal).then(
      (data) => {
        // An answer that arrives after its request was superseded is stale: never show it.
        if (!controller.signal.aborted) setState({ status: 'success', data });
      },
      (error: unknown) => {
        if (isAbortError(error) || controller.signal.aborted) return;
        setState((previous) => ({ status: 'error', error, data: 'data' in previous ? previous.data : undefined }));
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  // A write that answers with the new state of the thing (a case action) saves a second request.
  const replace = useCallback((data: T) => setState({ status: 'success', data }), []);
  return { ...state, reload, replace };
}
