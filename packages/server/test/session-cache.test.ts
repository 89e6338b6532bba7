import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../src/modules/auth/service.js';
import { AUTH_CHANGES_CHANNEL, SessionCache, type AuthChangeFeed } from '../src/modules/auth/session-cache.js';

type Watcher = Parameters<AuthChangeFeed['watch']>[1];

/** A feed driven by the test: what PgLiveBus.watch does with its listening connection. */
function feed(listening = true): AuthChangeFeed & { notify(): void; connection(up: boolean): void; channels: string[] } {
  const watchers: Watcher[] = [];
  const channels: string[] = [];
  return {
    channels,
    watch(channel, w) {
      channels.push(channel);
      watchers.push(w);
      // Already listening: the watcher is told at once, as PgLiveBus.watch does.
      if (listening) w.listening(true);
      return () => watchers.splice(watchers.indexOf(w), 1);
    },
    notify: () => watchers.forEach((w) => w.notified('')),
    connection: (up) => watchers.forEach((w) => w.listening(up)),
  };
}

const user = (id: string): SessionUser => ({
  id, jurisdictionId: 'j', username: id, displayName: id, roles: ['operator'], platformRoles: [], orgUnitId: 'u', orgUnitName: 'u', orgUnitPath: '/u', orgUnitKind: 'centre',
});
const NOW = 1_800_000_000_000;
const LATER = NOW + 60 * 60 * 1000;

/** ADR 0078: what a signed-in read may take from memory, and when it must not. */
describe('the session cache', () => {
  it('listens on the channel the triggers notify, and serves what it remembered', () => {
    const f = feed();
    const cache = new SessionCache(f);
    expect(f.channels).toEqual([AUTH_CHANGES_CHANNEL]);
    expect(cache.lookup('s1', NOW)).toBeUndefined();
    cache.remember(cache.mark(), 's1', user('a'), LATER, NOW);
    expect(cache.lookup('s1', NOW + 1)?.id).toBe('a');
    expect(cache.lookup('s2', NOW + 1)).toBeUndefined();
  });

  it('forgets everything on any change heard, and on a change made here', () => {
    const f = feed();
    const cache = new SessionCache(f);
    cache.remember(cache.mark(), 's1', user('a'), LATER, NOW);
    f.notify();
    expect(cache.lookup('s1', NOW)).toBeUndefined();
    cache.remember(cache.mark(), 's1', user('a'), LATER, NOW);
    cache.clear();
    expect(cache.lookup('s1', NOW)).toBeUndefined();
  });

  it('does not remember a session read from before a change heard while it was being read', () => {
    const f = feed();
    const cache = new SessionCache(f);
    const mark = cache.mark();
    // The read is in flight; the admin's change commits and is heard before it comes back.
    f.notify();
    cache.remember(mark, 's1', user('a'), LATER, NOW);
    expect(cache.lookup('s1', NOW)).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
  });

  it('neither serves nor remembers while its listening connection is down, and starts empty when it is back', () => {
    const f = feed();
    const cache = new SessionCache(f);
    cache.remember(cache.mark(), 's1', user('a'), LATER, NOW);
    f.connection(false);
    expect(cache.lookup('s1', NOW)).toBeUndefined();
    cache.remember(cache.mark(), 's1', user('a'), LATER, NOW);
    expect(cache.stats().entries).toBe(0);
    f.connection(true);
    expect(cache.lookup('s1', NOW)).toBeUndefined();
    cache.remember(cache.mark(), 's1', user('a'), LATER, NOW);
    expect(cache.lookup('s1', NOW)?.id).toBe('a');
  });

  it('is off until the channel is listened to', () => {
    const f = feed(false);
    const cache = new SessionCache(f);
    cache.remember(cache.mark(), 's1', user('a'), LATER, NOW);
    expect(cache.lookup('s1', NOW)).toBeUndefined();
    f.connection(true);
    cache.remember(cache.mark(), 's1', user('a'), LATER, NOW);
    expect(cache.lookup('s1', NOW)?.id).toBe('a');
  });

  it('keeps an entry at most its maximum age, and never past the session’s expiry', () => {
    const cache = new SessionCache(feed(), { maxAgeMs: 5_000 });
    cache.remember(cache.mark(), 'long', user('a'), LATER, NOW);
    cache.remember(cache.mark(), 'ending', user('b'), NOW + 1_000, NOW);
    expect(cache.lookup('long', NOW + 4_999)?.id).toBe('a');
    expect(cache.lookup('long', NOW + 5_000)).toBeUndefined();
    expect(cache.lookup('ending', NOW + 999)?.id).toBe('b');
    expect(cache.lookup('ending', NOW + 1_000)).toBeUndefined();
  });

  it('holds a bounded number of sessions, the oldest going first', () => {
    const cache = new SessionCache(feed(), { maxEntries: 3 });
    for (const s of ['s1', 's2', 's3', 's4']) cache.remember(cache.mark(), s, user(s), LATER, NOW);
    expect(cache.stats().entries).toBe(3);
    expect(cache.lookup('s1', NOW)).toBeUndefined();
    expect(cache.lookup('s4', NOW)?.id).toBe('s4');
  });

  it('once closed hears nothing and serves nothing', () => {
    const f = feed();
    const cache = new SessionCache(f);
    cache.remember(cache.mark(), 's1', user('a'), LATER, NOW);
    cache.close();
    expect(cache.lookup('s1', NOW)).toBeUndefined();
    f.connection(true);
    cache.remember(cache.mark(), 's1', user('a'), LATER, NOW);
    expect(cache.lookup('s1', NOW)).toBeUndefined();
  });
});
