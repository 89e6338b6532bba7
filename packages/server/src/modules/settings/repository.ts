import { sql, type Expression, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Per-jurisdiction settings live in `settings` under "<name>:<jurisdiction id>", as JSON. The
 * raw pair below is for callers that keep their own format (triage word lists); the typed pair
 * for settings with a schema and defaults (escalation tiers, the caller-flag handler, ranking
 * weights), so parsing, the fallback and the upsert are written once.
 */
const keyOf = (name: string, jurisdictionId: string): string => `${name}:${jurisdictionId}`;

/** The same key in SQL, for a statement that joins a jurisdiction's setting to the jurisdiction it read. */
export function settingKeySql(name: string, jurisdictionId: Expression<string>): RawBuilder<string> {
  return sql<string>`${`${name}:`} || ${jurisdictionId}`;
}

export async function readSetting(db: Db, name: string, jurisdictionId: string): Promise<{ value: string; updatedAt: string } | undefined> {
  const row = await db.selectFrom('settings').select(['value', 'updated_at']).where('key', '=', keyOf(name, jurisdictionId)).executeTakeFirst();
  return row ? { value: row.value, updatedAt: row.updated_at } : undefined;
}

export async function writeSetting(db: Db, name: string, jurisdictionId: string, value: string, at: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: keyOf(name, jurisdictionId), value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}

/** A typed setting: where it is kept, how it is read, and what holds while none is stored. */
export interface JurisdictionSetting<T> {
  name: string;
  schema: z.ZodType<T>;
  defaults: () => T;
}

/**
 * The setting in force: the stored value, or the defaults while there is none — also when the
 * stored value no longer parses (a schema grew stricter), so a bad row never breaks a worker.
 * `updatedAt` is null whenever the defaults are answered.
 */
export async function loadSetting<T>(db: Db, setting: JurisdictionSetting<T>, jurisdictionId: string): Promise<{ value: T; updatedAt: string | null }> {
  const stored = await readSetting(db, setting.name, jurisdictionId);
  const parsed = stored ? setting.schema.safeParse(parseJson(stored.value)) : undefined;
  return stored && parsed?.success ? { value: parsed.data, updatedAt: stored.updatedAt } : { value: setting.defaults(), updatedAt: null };
}

/** Stores a value already validated against the setting's schema (the service's job: it names the fields wrong). */
export async function saveSetting<T>(db: Db, setting: JurisdictionSetting<T>, jurisdictionId: string, value: T, at: string): Promise<void> {
  await writeSetting(db, setting.name, jurisdictionId, JSON.stringify(value), at);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
