import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, SQLITE_CACHE_MB } from '../src/db/database.js';
import { dialect } from './support/test-context.js';

/** The app's connection sets its own page cache and memory map (ADR 0063), not the driver's build. */
describe.skipIf(dialect !== 'sqlite')('SQLite page cache (ADR 0063)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'openline-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pragmas = async (config: { cacheMb?: number; mmapMb?: number }): Promise<{ cache: unknown; mmap: unknown }> => {
    const database = openDatabase({ kind: 'sqlite', file: path.join(dir, `${Object.values(config).join('-') || 'default'}.db`), ...config });
    try {
      const cache = (await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(database.db)).rows[0]?.cache_size;
      const mmap = (await sql<{ mmap_size: number }>`PRAGMA mmap_size`.execute(database.db)).rows[0]?.mmap_size;
      return { cache, mmap };
    } finally {
      await database.close();
    }
  };

  it('keeps 16 MB and no memory map unless told otherwise', async () => {
    expect(SQLITE_CACHE_MB).toBe(16);
    expect(await pragmas({})).toEqual({ cache: -16 * 1024, mmap: 0 });
  });

  it('takes the sizes given, in MiB', async () => {
    expect(await pragmas({ cacheMb: 64, mmapMb: 8 })).toEqual({ cache: -64 * 1024, mmap: 8 * 1024 * 1024 });
  });
});
