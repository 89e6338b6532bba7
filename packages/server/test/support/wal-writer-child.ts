// A writer for the checkpointer's crash test (ADR 0054): opens the SQLite file as the app does
// (WAL, FULL, the background checkpointer) and commits rows of ~6 KB in small transactions,
// printing each id once its COMMIT has returned — what the app would have acknowledged — until
// it is killed. Run with `node --import tsx`.
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.js';

const file = process.env.WAL_WRITER_FILE ?? '';
const database = openDatabase({ kind: 'sqlite', file });
await sql`create table if not exists acked (id integer primary key, body text not null)`.execute(database.db);
const body = 'x'.repeat(6000);
for (let id = 1; ; id++) {
  await database.db.transaction().execute(async (tx) => {
    for (let k = 0; k < 4; k++) await sql`insert into acked (id, body) values (${id * 4 + k}, ${body})`.execute(tx);
  });
  process.stdout.write(`${id * 4 + 3}\n`);
  if (id % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
}
