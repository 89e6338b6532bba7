import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

const COUNTS = ['dispatched', 'returns', 'response_due', 'responded_on_time', 'visits', 'solved', 'satisfied', 'overdue'];

// Frozen in time: see 0001. The accountability figures (DESIGN §6, ADR 0012), kept by an
// incremental job that reads `case_events` past a watermark:
// - `stat_case_cells`: what each case contributes, per local day and unit (core caseFacts),
//   replaced whole whenever the case has a new event;
// - `stat_daily`: the rollup per jurisdiction × day × unit × line × case type × channel, the sum
//   of the cells of the days a refresh touched ('' stands for "no line", so the key has no null);
// - `stat_state`: the watermark; claimed by a conditional update, so one refresh runs at a time.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  let cells = db.schema
    .createTable('stat_case_cells')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('case_type', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull());
  for (const name of COUNTS) cells = cells.addColumn(name, 'integer', (c) => c.notNull().defaultTo(0));
  await cells.addPrimaryKeyConstraint('stat_case_cells_pk', ['case_id', 'day', 'unit_id']).execute();
  await db.schema.createIndex('stat_case_cells_day_idx').on('stat_case_cells').columns(['jurisdiction_id', 'day']).execute();

  let daily = db.schema
    .createTable('stat_daily')
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('line_id', 'text', (c) => c.notNull())
    .addColumn('case_type', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull());
  for (const name of COUNTS) daily = daily.addColumn(name, 'integer', (c) => c.notNull().defaultTo(0));
  await daily.addPrimaryKeyConstraint('stat_daily_pk', ['jurisdiction_id', 'day', 'unit_id', 'line_id', 'case_type', 'channel']).execute();

  await db.schema
    .createTable('stat_state')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('watermark', t.timestamp, (c) => c.notNull())
    .execute();
  // The refresh asks "which cases had events since the watermark".
  await db.schema.createIndex('case_events_created_idx').on('case_events').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_events_created_idx').execute();
  await db.schema.dropTable('stat_state').execute();
  await db.schema.dropTable('stat_daily').execute();
  await db.schema.dropTable('stat_case_cells').execute();
}
