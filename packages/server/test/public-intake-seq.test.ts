import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { createJurisdiction } from '../src/modules/org/service.js';
import { deleteProcessedBefore, insertIntakeRows, markProcessed, type AcceptedRow } from '../src/modules/public-intake/repository.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const row = (jurisdictionId: string, n: number): AcceptedRow => ({
  jurisdiction_id: jurisdictionId, tracking_code_hash: `hash-${n}`, payload_enc: `sealed-${n}`, urgency: 'normal', accepted_at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(), request_id: null,
});

/**
 * ADR 0072: `public_intake.seq` counts the appeals accepted. On SQLite it is a plain rowid alias
 * now (no AUTOINCREMENT: one page less in every accept commit); the purge keeps the newest row, so
 * numbers are never reused, on both databases.
 */
describeDb(`public intake sequence numbers (${dialect})`, () => {
  let t: TestContext;
  let jurisdictionId: string;
  beforeAll(async () => {
    t = await createTestContext({ publicIntakeDrainer: false });
    jurisdictionId = (await createJurisdiction(t.ctx.db, { code: 'seq', name: '序号市' })).id;
  });
  afterAll(() => t.close());

  it('keeps rising after the purge has deleted every processed row it may', async () => {
    await insertIntakeRows(t.ctx.db, dialect, [1, 2, 3].map((n) => row(jurisdictionId, n)));
    const first = await t.ctx.db.selectFrom('public_intake').select('seq').orderBy('seq').execute();
    for (const r of first) await markProcessed(t.ctx.db, { seq: r.seq, outcome: 'opened', caseId: `case-${r.seq}`, at: '2026-01-02T00:00:00.000Z' });
    expect(await deleteProcessedBefore(t.ctx.db, { before: '2030-01-01T00:00:00.000Z', limit: 100 })).toBe(2);
    await insertIntakeRows(t.ctx.db, dialect, [4, 5].map((n) => row(jurisdictionId, n)));
    const after = (await t.ctx.db.selectFrom('public_intake').select('seq').orderBy('seq').execute()).map((r) => r.seq);
    const top = Math.max(...first.map((r) => r.seq));
    expect(after).toEqual([top, top + 1, top + 2]);
  });

  it.skipIf(dialect !== 'sqlite')('migrates an AUTOINCREMENT table with its rows to a rowid alias that continues their numbers', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'openline-seq-'));
    const database = openDatabase({ kind: 'sqlite', file: path.join(dir, 'seq.db'), checkpoint: 'inline' });
    try {
      const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
      expect((await migrator.migrateTo('0062_intake_write_indexes')).error).toBeUndefined();
      const j = await createJurisdiction(database.db, { code: 'old', name: '旧市' });
      await insertIntakeRows(database.db, 'sqlite', [1, 2, 3].map((n) => row(j.id, n)));
      await sql`delete from public_intake where seq = 3`.execute(database.db);
      // To 0066 and no further, so the step down below is 0066's whatever migrations come later.
      expect((await migrator.migrateTo('0066_public_intake_rowid')).error).toBeUndefined();
      const ddl = await sql<{ sql: string }>`select sql from sqlite_master where name = 'public_intake'`.execute(database.db);
      expect(ddl.rows[0]?.sql.toLowerCase()).not.toContain('autoincrement');
      const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'public_intake' order by name`.execute(database.db);
      expect(indexes.rows.map((r) => r.name)).toEqual(['public_intake_backlog_idx', 'public_intake_processed_idx', 'sqlite_autoindex_public_intake_1']);
      await insertIntakeRows(database.db, 'sqlite', [4].map((n) => row(j.id, n)));
      const rows = await database.db.selectFrom('public_intake').select(['seq', 'tracking_code_hash', 'payload_enc']).orderBy('seq').execute();
      // Row 3 was the newest and deleted by hand (the purge never does): a rowid alias gives its number again, as documented.
      expect(rows).toEqual([
        { seq: 1, tracking_code_hash: 'hash-1', payload_enc: 'sealed-1' },
        { seq: 2, tracking_code_hash: 'hash-2', payload_enc: 'sealed-2' },
        { seq: 3, tracking_code_hash: 'hash-4', payload_enc: 'sealed-4' },
      ]);
      expect((await migrator.migrateDown()).error).toBeUndefined();
      const back = await sql<{ sql: string }>`select sql from sqlite_master where name = 'public_intake'`.execute(database.db);
      expect(back.rows[0]?.sql.toLowerCase()).toContain('autoincrement');
      expect(await database.db.selectFrom('public_intake').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 3 });
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
