import { personNameIndexInput } from '@openline/core';
import type { Kysely } from 'kysely';
import type { PiiCipher } from '../../crypto/pii.js';
import type { DB } from '../../db/schema.js';

/**
 * The caller-name blind index (ADR 0027): a keyed HMAC of core's normalised full name, so an
 * operator's "find this caller by name" is one index lookup and never decrypts a row. Null for
 * no name (and for a name that is only separators).
 */
export function callerNameIndex(pii: PiiCipher, name: string | null | undefined): string | null {
  if (!name) return null;
  const input = personNameIndexInput(name);
  return input === null ? null : pii.blindIndex(input);
}

const BATCH = 500;

/** Sealed names still without their index, after `after` in id order (migration 0067's partial index holds exactly these). */
export function unindexedNamesQuery(db: Kysely<DB>, after: string) {
  return db
    .selectFrom('cases')
    .select(['id', 'caller_name_enc'])
    .where('caller_name_enc', 'is not', null)
    .where('caller_name_bidx', 'is', null)
    .where('id', '>', after)
    .orderBy('id')
    .limit(BATCH);
}

/**
 * Cases opened before migration 0033 have a sealed name but no index: each is opened once, here,
 * at start-up, to build it (the one time names are decrypted in bulk; after it, searching never
 * is). A keyset walk by id, so names that index to nothing are passed over rather than re-read
 * forever, and an interrupted run resumes harmlessly. Answers how many cases it indexed.
 */
export async function indexLegacyCallerNames(db: Kysely<DB>, pii: PiiCipher): Promise<number> {
  let after = '';
  let indexed = 0;
  for (;;) {
    const rows = await unindexedNamesQuery(db, after).execute();
    if (rows.length === 0) return indexed;
    await db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const bidx = callerNameIndex(pii, row.caller_name_enc === null ? null : pii.decrypt(row.caller_name_enc));
        if (bidx === null) continue;
        await trx.updateTable('cases').set({ caller_name_bidx: bidx }).where('id', '=', row.id).where('caller_name_bidx', 'is', null).execute();
        indexed += 1;
      }
    });
    after = rows[rows.length - 1]?.id ?? after;
  }
}
