import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen in time: see 0001. PostgreSQL only (ADR 0078): whenever a session ends or changes, or a
// user, their roles or their unit's name, path or kind change, every process's session cache hears
// it on the channel `openline_auth` (the literal is modules/auth/session-cache.ts's
// AUTH_CHANGES_CHANNEL as of this migration) and forgets what it remembered. Triggers, not calls in
// the services: a change made by another version of the app, by the worker or by hand in psql is
// heard too. Per statement, not per row: one notification is enough to clear a cache, and
// PostgreSQL sends one per transaction however many statements raise it. NOTIFY is delivered at
// commit, never for a change that rolled back. SQLite has no cache and needs none (its session
// read is a local statement).
const TRIGGERS: Array<{ name: string; table: string; events: string }> = [
  { name: 'sessions_auth_changed', table: 'sessions', events: 'UPDATE OF id, user_id, expires_at OR DELETE OR TRUNCATE' },
  { name: 'users_auth_changed', table: 'users', events: 'UPDATE OR DELETE OR TRUNCATE' },
  { name: 'user_roles_auth_changed', table: 'user_roles', events: 'INSERT OR UPDATE OR DELETE OR TRUNCATE' },
  { name: 'org_units_auth_changed', table: 'org_units', events: 'UPDATE OF id, name, path, kind OR DELETE OR TRUNCATE' },
];

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`CREATE FUNCTION openline_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('openline_auth', '');
      RETURN NULL;
    END $$`.execute(db);
  for (const t of TRIGGERS) {
    await sql`CREATE TRIGGER ${sql.raw(t.name)} AFTER ${sql.raw(t.events)} ON ${sql.raw(t.table)} FOR EACH STATEMENT EXECUTE FUNCTION openline_auth_changed()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const t of TRIGGERS) await sql`DROP TRIGGER ${sql.raw(t.name)} ON ${sql.raw(t.table)}`.execute(db);
  await sql`DROP FUNCTION openline_auth_changed()`.execute(db);
}
