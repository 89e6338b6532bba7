import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// Frozen in time: see 0001. Callbacks and after-hours protection (issue 10 §5, ADR 0022):
// - `line_callback_settings`: per line, the after-hours desk a newCall is forwarded to, the unit
//   whose staff work the line's callbacks (default: the owner's unit), the deadline and the tries;
// - `callback_tasks`: one promise to ring a caller back, per line and caller while open
//   (`open_key` = line:caller blind index, NULL once closed, so repeat calls attach to it);
// - `callback_calls`: which calls a task answers (the primary key makes attaching idempotent);
// - `callback_attempts`: each try to ring the caller back, with its result.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('line_callback_settings')
    .addColumn('line_id', 'text', (c) => c.primaryKey().references('lines.id'))
    .addColumn('after_hours_number', 'text')
    .addColumn('callback_unit_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('within_minutes', 'integer', (c) => c.notNull())
    .addColumn('max_tries', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('callback_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('jurisdiction_id', 'text', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('line_id', 'text', (c) => c.notNull().references('lines.id'))
    .addColumn('caller_enc', 'text', (c) => c.notNull())
    .addColumn('caller_bidx', 'text', (c) => c.notNull())
    .addColumn('open_key', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('first_call_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_call_at', t.timestamp, (c) => c.notNull())
    .addColumn('call_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('voicemail_enc', 'text')
    .addColumn('assignee_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('unit_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('due_at', t.timestamp, (c) => c.notNull())
    .addColumn('remind_at', t.timestamp, (c) => c.notNull())
    .addColumn('deadline_clock', 'text', (c) => c.notNull())
    .addColumn('reminded_at', t.timestamp)
    .addColumn('overdue_at', t.timestamp)
    .addColumn('first_attempt_at', t.timestamp)
    .addColumn('failed_tries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outcome', 'text')
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('closed_at', t.timestamp)
    .addColumn('closed_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  // The queue (per jurisdiction, open first by deadline), per line (the official's panel), the sweep.
  await db.schema.createIndex('callback_tasks_queue_idx').on('callback_tasks').columns(['jurisdiction_id', 'status', 'due_at']).execute();
  await db.schema.createIndex('callback_tasks_line_idx').on('callback_tasks').columns(['line_id', 'status']).execute();
  await db.schema.createIndex('callback_tasks_due_idx').on('callback_tasks').columns(['status', 'due_at']).execute();

  await db.schema
    .createTable('callback_calls')
    .addColumn('call_id', 'text', (c) => c.primaryKey().references('call_records.id'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('callback_tasks.id'))
    .addColumn('attached_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('callback_calls_task_idx').on('callback_calls').columns(['task_id']).execute();

  await db.schema
    .createTable('callback_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('callback_tasks.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('note_enc', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('callback_attempts_task_idx').on('callback_attempts').columns(['task_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('callback_attempts').execute();
  await db.schema.dropTable('callback_calls').execute();
  await db.schema.dropTable('callback_tasks').execute();
  await db.schema.dropTable('line_callback_settings').execute();
}
