import type { Kysely } from 'kysely';

// Frozen in time: see 0001. A message may carry one secret (a citizen's tracking code, which the
// platform otherwise keeps only as a hash): sealed here, and only a `{{secret}}` placeholder in
// the body, so the admin outbox page and a copied database never show it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('secret_enc', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('secret_enc').execute();
}
