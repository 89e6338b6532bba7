import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { fetchCurrentUser, login, logout } from '../api/openline';
import { isUnauthenticated, SessionContext, type Session, type SessionState } from './context';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'unknown' });
  // Every list the server answered is scoped to the user who asked. When the user changes (a
  // sign-in, a sign-out, an expired session), the cached answers go: the next user of this tab
  // must never see the last one's cases, even for the 15 s they would count as fresh.
  const queryClient = useQueryClient();
  const checking = useRef(false);
  // Bumped by every sign-in/out, so a slow /me answer cannot overwrite a newer state.
  const generation = useRef(0);

  const check = useCallback(() => {
    if (checking.current) return;
    checking.current = true;
    const started = generation.current;
    setState({ status: 'checking' });
    fetchCurrentUser()
      .then(
        (user): SessionState => ({ status: 'signed-in', user }),
        (error: unknown): SessionState =>
          isUnauthenticated(error) ? { status: 'signed-out', reason: 'anonymous' } : { status: 'error', error },
      )
      .then((next) => {
        if (generation.current === started) setState(next);
      })
      .finally(() => {
        checking.current = false;
      });
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const user = await login(username, password);
    queryClient.removeQueries();
    generation.current += 1;
    setState({ status: 'signed-in', user });
    return user;
  }, [queryClient]);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch (error) {
      // Already signed out on the server is the outcome we wanted; anything else is reported.
      if (!isUnauthenticated(error)) throw error;
    }
    queryClient.removeQueries();
    generation.current += 1;
    setState({ status: 'signed-out', reason: 'logout' });
  }, [queryClient]);

  const expire = useCallback(() => {
    queryClient.removeQueries();
    generation.current += 1;
    setState({ status: 'signed-out', reason: 'expired' });
  }, [queryClient]);

  const session = useMemo<Session>(
    () => ({ state, check, signIn, signOut, expire }),
    [state, check, signIn, signOut, expire],
  );
  return <SessionContext value={session}>{children}</SessionContext>;
}
