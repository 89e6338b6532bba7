import { expect, inject, it } from 'vitest';
import { runFaultBench } from '../../../bench/faults/bench.js';
import { describeDb, dialect } from './support/test-context.js';

/**
 * `npm run bench:faults` at a tiny size on the suite's database: the real server in its own
 * process, one burst cut by kill -9, a restart, then a read-only database. Every appeal answered
 * 2xx is found afterwards, and while read-only every appeal is answered 503 DATABASE_UNAVAILABLE
 * (the server maps the drivers' errors; before, a read-only database answered 500). On SQLite the
 * disk then fills (the file capped at its size): 201 while rows fit, then 503, nothing lost.
 */
describeDb(`fault benchmark, tiny (${dialect})`, () => {
  it('loses no acknowledged appeal to kill -9, and answers 503 while the database is read-only or (SQLite) full', async () => {
    const r = await runFaultBench({ db: dialect, rounds: 1, burst: 20, connections: 4, readOnlyAppeals: 3, diskFullAppeals: 40, pgAdminUrl: inject('pgAdminUrl') ?? undefined });
    // The kill comes after 40 % of the burst is acknowledged: some got through, some were cut.
    expect(r.acknowledged).toBeGreaterThanOrEqual(8);
    expect(r.acknowledged).toBeLessThan(r.sent);
    expect(r.lost).toBe(0);
    expect(r.readOnly.statuses).toEqual({ 503: 3 });
    expect(r.readOnly.codes).toEqual({ DATABASE_UNAVAILABLE: 3 });
    expect(r.readOnly.foundWhileReadOnly).toBe(r.acknowledged);
    expect(r.readOnly.writableAgain).toBe(true);
    if (dialect === 'sqlite') {
      // The file may not grow: appeals fit while free space lasts, then every one is 503; none
      // acknowledged is lost, and the drainer parks no row for the database's fault.
      const full = r.diskFull;
      expect(full).not.toBeNull();
      expect(Object.keys(full?.statuses ?? {})).toEqual(['503']);
      expect(Object.keys(full?.codes ?? {})).toEqual(['DATABASE_UNAVAILABLE']);
      expect(full?.foundWhileFull).toBe(full?.foundAfter);
      expect(full?.foundAfter).toBe(r.acknowledged + 1 + (full?.acknowledged ?? 0));
      expect(full?.parked).toBe(0);
      expect(full?.writableAgain).toBe(true);
    } else {
      expect(r.diskFull).toBeNull();
    }
    expect(r.ok).toBe(true);
  }, 600_000);
});
