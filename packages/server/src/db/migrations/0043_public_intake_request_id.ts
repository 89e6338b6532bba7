import type { Kysely } from 'kysely';

// Frozen in time: see 0001. The id of the HTTP request that accepted a public appeal (issue 13
// §5, ADR 0034's outbox.request_id for the batched intake): the drainer that processes the row
// logs it and runs the row's work under it, so what the appeal caused (its case, its messages)
// can be joined to the request's own log lines. A random UUID, not personal data; null for rows
// accepted before this column existed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('public_intake').addColumn('request_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('public_intake').dropColumn('request_id').execute();
}
