import { createContext, useContext, useEffect } from 'react';
import { ApiError } from '../api/client';
import type { StaffUser } from '../api/openline';

export type SessionState =
  /** Nobody has asked the server yet: public pages never need to. */
  | { status: 'unknown' }
  | { status: 'checking' }
  | { status: 'signed-in'; user: StaffUser }
  /** `reason` lets the login page explain an expired session, and skip `?next=` after a deliberate logout. */
  | { status: 'signed-out'; reason: 'anonymous' | 'logout' | 'expired' }
  /** The server could not say (network, 5xx). Distinct from signed-out so we never send a signed-in user to the login page. */
  | { status: 'error'; error: unknown };

export interface Session {
  state: SessionState;
  /** Asks GET /me; concurrent calls share one request. */
  check(): void;
  signIn(username: string, password: string): Promise<StaffUser>;
  signOut(): Promise<void>;
  /** Any call answered 401: the cookie expired or was revoked. */
  expire(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}

/** The session, asking the server first if this visit has not yet. */
export function useCheckedSession(): Session {
  const session = useSession();
  const { state, check } = session;
  useEffect(() => {
    if (state.status === 'unknown') check();
  }, [state.status, check]);
  return session;
}

/** For components rendered only behind <RequireAuth>. */
export function useStaffUser(): StaffUser {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useStaffUser must be used behind <RequireAuth>');
  return state.user;
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/**
 * For staff pages: a 401 from any of their calls means the session ended while the page was
 * open. Marking it expired lets <RequireAuth> send the user to sign in and back to this page.
 */
export function useExpireOnUnauthenticated(error: unknown): void {
  const { expire } = useSession();
  const unauthenticated = isUnauthenticated(error);
  useEffect(() => {
    if (unauthenticated) expire();
  }, [unauthenticated, expire]);
}
