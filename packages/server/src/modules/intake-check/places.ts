import { parseAddress, placeKeys, type ParsedAddress } from '@openline/core';
import type { Kysely, Transaction } from 'kysely';
import type { PiiCipher } from '../../crypto/pii.js';
import type { DB } from '../../db/schema.js';
import { executeTogether, preparedQuery, type BoundStatement, type PreparedQuery } from '../../lib/prepared-query.js';
import { placeFromText } from './place.js';

/**
 * The place a contact or case is about, as the duplicate search reads it: the typed address,
 * else (unattended channels, stored cases without one) a concrete place named in the text.
 */
export function placeOf(o: { address: string | null | undefined; text: string; names: readonly string[] }): ParsedAddress | null {
  return o.address ? parseAddress(o.address, o.names) : placeFromText(o.text, o.names);
}

/**
 * The place's keys as keyed blind indexes: an address is personal data, so the index holds only
 * what the data key can recompute, like the caller's phone (ADR 0002, 0037).
 */
export function placeBlindIndexes(pii: PiiCipher, place: ParsedAddress | null): string[] {
  return placeKeys(place).map((key) => pii.blindIndex(`place:${key}`));
}

/** What a case's place rows are computed from: its typed address and its stored (redacted) text. */
export interface CasePlaceSource {
  caseId: string;
  jurisdictionId: string;
  jurisdictionName: string;
  address: string | undefined;
  storedText: string;
}

/**
 * Records where a just-opened (or unmerged) case is (case_places, ADR 0037), from the same address
 * and stored text the duplicate search would read back, so a later appeal at the same building
 * finds it through the index. A case with no concrete place has no rows. Address and text never
 * change after opening, so the rows never go stale; they are purged after the same-incident window.
 */
export async function indexCasePlace(db: Kysely<DB> | Transaction<DB>, pii: PiiCipher, o: CasePlaceSource & { createdAt: string }): Promise<void> {
  const insert = casePlaceInsert(db, pii, o);
  if (insert) await executeTogether(db, [insert]);
}

/** indexCasePlace's insert, to be written with the case's other rows (openCase); none for a case with no concrete place. */
export function casePlaceInsert(db: Kysely<DB> | Transaction<DB>, pii: PiiCipher, o: CasePlaceSource & { createdAt: string }): BoundStatement | undefined {
  return placeKeysInsert(db, { ...o, keys: casePlaceKeys(pii, o) });
}

/** The keys a case's place rows are written under (none for a case with no concrete place). */
export function casePlaceKeys(pii: PiiCipher, o: Omit<CasePlaceSource, 'caseId' | 'jurisdictionId'>): string[] {
  return placeBlindIndexes(pii, placeOf({ address: o.address, text: o.storedText, names: [o.jurisdictionName] }));
}

/** The insert of a case's place rows under these keys; none for no keys. */
export function placeKeysInsert(db: Kysely<DB> | Transaction<DB>, o: { caseId: string; jurisdictionId: string; createdAt: string; keys: readonly string[] }): BoundStatement | undefined {
  const { keys } = o;
  if (keys.length === 0) return undefined;
  const values: Record<string, string> = { caseId: o.caseId, jurisdictionId: o.jurisdictionId, createdAt: o.createdAt };
  keys.forEach((key, i) => { values[`place${i}`] = key; });
  return placeRows(keys.length).bind(db, values);
}

/** The insert of a case's n place rows (one to a few), compiled once per n: every opened case runs one (issue 13 §2). */
function placeRows(n: number): PreparedQuery<Record<string, string>, never> {
  let s = placeInserts.get(n);
  if (!s) {
    const places = Array.from({ length: n }, (_, i) => `place${i}`);
    s = preparedQuery<Record<string, string>, never>(['caseId', 'jurisdictionId', 'createdAt', ...places], (db, v) =>
      db
        .insertInto('case_places')
        .values(places.map((k) => ({ place_bidx: v[k] as string, case_id: v.caseId as string, jurisdiction_id: v.jurisdictionId as string, created_at: v.createdAt as string })))
        .onConflict((c) => c.doNothing()),
    );
    placeInserts.set(n, s);
  }
  return s;
}
const placeInserts = new Map<number, PreparedQuery<Record<string, string>, never>>();

/**
 * Takes a merged case out of the place index (ADR 0050): it can be neither attached to nor merged
 * into, so its rows only made every later appeal at its building read past it — in a surge, the
 * hundreds merged into one parent, per appeal. Unmerge puts the rows back with indexCasePlace.
 */
export async function unindexCasePlace(db: Kysely<DB> | Transaction<DB>, caseId: string): Promise<void> {
  await db.deleteFrom('case_places').where('case_id', '=', caseId).execute();
}

/** Place rows older than this mean nothing to the same-incident window; the worker deletes them. */
export async function deletePlacesBefore(db: Kysely<DB>, before: string): Promise<number> {
  const r = await db.deleteFrom('case_places').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
