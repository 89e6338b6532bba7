/**
 * Where to go after signing in. Only same-site paths are accepted: `?next=//evil.example` or
 * `?next=https://…` would otherwise turn the login page into an open redirect.
 */
export function safeNextPath(next: string | null, fallback = '/cases'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (next === '/login' || next.startsWith('/login?')) return fallback;
  return next;
}

export function loginPath(next: string): string {
  return `/login?${new URLSearchParams({ next })}`;
}
