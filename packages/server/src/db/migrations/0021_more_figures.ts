import type { Kysely } from 'kysely';

const CASE_COUNTS = ['closures', 'closed_on_time', 'reopened', 'overdue_days', 'extensions', 'supervision_notices', 'arbitrations'];
const CONTACT_COUNTS = ['contacts', 'direct_resolved'];

// Frozen in time: see 0001. The rest of the accountability figures (issue 9 §1, ADR 0013):
// - new count columns on the cells and the rollup (the contact counts stay 0 in case cells, so
//   both tables keep one column list);
// - `stat_contact_cells`: what each citizen contact contributes (直办率), to the centre (unit
//   ''), per its own line and channel; a contact need not have a case, so it is not a case cell;
// - contacts are found by arrival for the refresh (a redirected contact has no case event).
// The rollup must be rebuilt (npm run rebuild-figures) for old days to gain the new counts.
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['stat_case_cells', 'stat_daily']) {
    for (const name of [...CASE_COUNTS, ...CONTACT_COUNTS]) {
      await db.schema.alterTable(table).addColumn(name, 'integer', (c) => c.notNull().defaultTo(0)).execute();
    }
  }
  let contacts = db.schema
    .createTable('stat_contact_cells')
    .addColumn('contact_id', 'text', (c) => c.primaryKey().references('contacts.id'))
    .addColumn('case_id', 'text')
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('case_type', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull());
  for (const name of CONTACT_COUNTS) contacts = contacts.addColumn(name, 'integer', (c) => c.notNull().defaultTo(0));
  await contacts.execute();
  await db.schema.createIndex('stat_contact_cells_day_idx').on('stat_contact_cells').columns(['jurisdiction_id', 'day']).execute();
  await db.schema.createIndex('stat_contact_cells_case_idx').on('stat_contact_cells').column('case_id').execute();
  await db.schema.createIndex('contacts_received_idx').on('contacts').column('received_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('contacts_received_idx').execute();
  await db.schema.dropTable('stat_contact_cells').execute();
  for (const table of ['stat_daily', 'stat_case_cells']) {
    for (const name of [...CASE_COUNTS, ...CONTACT_COUNTS]) await db.schema.alterTable(table).dropColumn(name).execute();
  }
}
