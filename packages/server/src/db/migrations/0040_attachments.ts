import { type Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. Attachments on cases (issue 12 §5, ADR 0035): a citizen's photos from
// the web form, a unit's proof of work, an operator's documents. The bytes live in the attachment
// store (local disk or S3-compatible), named by `storage_key`; a row is written `pending` before
// the bytes and made `ready` after them, so the worker can remove what a crash left half-stored.
// - `original_name_sealed`: the file name as sent, sealed (names often carry a person's name);
// - `sniffed_type`: what the first bytes say it was; `content_type`: what we serve (images are
//   re-encoded to JPEG, stripped of EXIF unless the citizen shared the location);
// - `citizen_code_hash`: the tracking-code hash a citizen's upload came through, so the tracking
//   page shows them their own photos and the per-appeal count is kept;
// - `visibility`: internal | proposed (the citizen asked for it to be public) | public.
// Goes with its case (ON DELETE CASCADE); the bytes are removed by the worker's sweep.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('original_name_sealed', 'text', (c) => c.notNull())
    .addColumn('sniffed_type', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('thumbnail_key', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('location_kept', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('citizen_proposed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('uploader_kind', 'text', (c) => c.notNull())
    .addColumn('uploader_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('citizen_code_hash', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_case_idx').on('attachments').columns(['case_id', 'created_at']).execute();
  // The sweep of uploads a crash left pending.
  await db.schema.createIndex('attachments_state_idx').on('attachments').columns(['state', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attachments').execute();
}
