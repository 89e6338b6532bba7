import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { inTransaction } from '../src/lib/unit-of-work.js';
import { dialect } from './support/test-context.js';

/**
 * Another process's write between a unit of work's first read and its first write (ADR 0073).
 * With a deferred BEGIN the unit of work failed at its write with a busy snapshot, which never
 * waits: the e2e suite saw an operator's "attach to this case" answered 503 while a test wrote
 * to the same file. With BEGIN IMMEDIATE the other process is the one that waits.
 */
describe.skipIf(dialect !== 'sqlite')('SQLite units of work begin immediate (ADR 0073)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'openline-begin-'));
  const file = path.join(dir, 'app.db');
  let database: Database;
  let other: BetterSqlite3.Database;

  beforeAll(async () => {
    database = openDatabase({ kind: 'sqlite', file, checkpoint: 'inline' });
    await sql`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)`.execute(database.db);
    await sql`INSERT INTO t (id, v) VALUES (1, 'first')`.execute(database.db);
    // Another process's connection: it does not wait, so a held lock shows at once.
    other = new BetterSqlite3(file);
    other.pragma('busy_timeout = 0');
  });
  afterAll(async () => {
    other?.close();
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds the write lock from its start, so a read-then-write unit of work is never refused', async () => {
    let otherWrite: unknown = 'not tried';
    await inTransaction({ db: database.db }, async (tx) => {
      const before = await sql<{ v: string }>`SELECT v FROM t WHERE id = 1`.execute(tx.db);
      expect(before.rows[0]?.v).toBe('first');
      try {
        other.prepare(`INSERT INTO t (id, v) VALUES (2, 'other')`).run();
        otherWrite = 'committed';
      } catch (error) {
        otherWrite = (error as { code?: unknown }).code;
      }
      await sql`INSERT INTO t (id, v) VALUES (3, 'ours')`.execute(tx.db);
    });
    expect(otherWrite).toBe('SQLITE_BUSY');
    // The other process writes once the unit of work has committed.
    other.prepare(`INSERT INTO t (id, v) VALUES (2, 'other')`).run();
    const rows = await sql<{ id: number; v: string }>`SELECT id, v FROM t ORDER BY id`.execute(database.db);
    expect(rows.rows).toEqual([
      { id: 1, v: 'first' },
      { id: 2, v: 'other' },
      { id: 3, v: 'ours' },
    ]);
  });

  it('still rolls back on an error, and the lock is let go', async () => {
    await expect(
      inTransaction({ db: database.db }, async (tx) => {
        await sql`INSERT INTO t (id, v) VALUES (4, 'rolled back')`.execute(tx.db);
        throw new Error('the use case refused');
      }),
    ).rejects.toThrow('the use case refused');
    other.prepare(`INSERT INTO t (id, v) VALUES (5, 'after')`).run();
    const ids = await sql<{ id: number }>`SELECT id FROM t ORDER BY id`.execute(database.db);
    expect(ids.rows.map((r) => r.id)).toEqual([1, 2, 3, 5]);
  });
});
