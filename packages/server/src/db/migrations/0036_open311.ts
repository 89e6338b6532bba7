import { type Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. The Open311 GeoReport v2 server (issue 11 §3, ADR 0031):
// - `open311_keys`: one API key per client application of a jurisdiction, stored as its SHA-256
//   (the key is shown once); revoked keys stay for the audit trail and the requests they sent;
// - `open311_requests`: one row per accepted POST. It links the case the request opened (or the
//   case it was attached to, with the contact), keeps the public id and token the client was
//   given, the category's code, and what the specification takes that a case has no column for:
//   the reporter's email, device and account ids, names and phone (`reporter_enc`) and the exact
//   location, media URL and attribute answers (`details_enc`), sealed. The approximate
//   coordinates (three decimals, ~100 m) are what GET requests shows, so they are kept in clear;
// - `case_category_attributes`: the questions a category asks (GeoReport v2 service definition
//   attributes), in order; `values_json` holds the choices of a list.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('open311_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', t.timestamp)
    .addColumn('revoked_at', t.timestamp)
    .execute();
  await db.schema.createIndex('open311_keys_jurisdiction_idx').on('open311_keys').columns(['jurisdiction_id', 'created_at']).execute();

  await db.schema
    .createTable('open311_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('key_id', 'text', (c) => c.notNull().references('open311_keys.id'))
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('contact_id', 'text')
    .addColumn('service_code', 'text', (c) => c.notNull())
    .addColumn('lat_approx', 'text')
    .addColumn('long_approx', 'text')
    .addColumn('reporter_enc', 'text')
    .addColumn('details_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('open311_requests_case_idx').on('open311_requests').column('case_id').execute();

  await db.schema
    .createTable('case_category_attributes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category_id', 'text', (c) => c.notNull().references('case_categories.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('datatype', 'text', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('datatype_description', 'text')
    .addColumn('values_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_category_attributes_uq').on('case_category_attributes').columns(['category_id', 'code']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_category_attributes').execute();
  await db.schema.dropTable('open311_requests').execute();
  await db.schema.dropTable('open311_keys').execute();
}
