import type { Kysely } from 'kysely';

// Frozen in time: see 0001. What unattended intake writes per case and reads per merge (ADR 0063,
// issue 13 §2):
// - cases_caller_bidx (caller_phone_bidx) is a prefix of 0007's cases_caller_bidx_created
//   (caller_phone_bidx, created_at): every lookup by the blind index alone is answered by the
//   longer one, so the shorter was only written, one more B-tree keyed by a random hash per case.
// - A merge recounts the parent's distinct callers over its family ("contacts of the case or of
//   the cases merged into it"): one row of cases per child for its id, one row of contacts per
//   contact for its caller, each on a page of its own once the tables outgrow SQLite's cache.
//   The family's indexes now carry both (cases_parent + id, contacts_case + caller), so the count
//   reads the two indexes only; every lookup by parent or by case still finds its prefix.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_caller_bidx').execute();
  await db.schema.createIndex('cases_parent_id').on('cases').columns(['parent_id', 'id']).execute();
  await db.schema.dropIndex('cases_parent').execute();
  await db.schema.createIndex('contacts_case_caller').on('contacts').columns(['case_id', 'caller_phone_bidx']).execute();
  await db.schema.dropIndex('contacts_case').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('contacts_case').on('contacts').column('case_id').execute();
  await db.schema.dropIndex('contacts_case_caller').execute();
  await db.schema.createIndex('cases_parent').on('cases').column('parent_id').execute();
  await db.schema.dropIndex('cases_parent_id').execute();
  await db.schema.createIndex('cases_caller_bidx').on('cases').column('caller_phone_bidx').execute();
}
