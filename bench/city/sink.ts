import { once } from 'node:events';
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value of a generated row: text, a number, or SQL NULL. */
export type Cell = string | number | null;

/** Rows of one table, taken one at a time (no promise per row: 40 M rows). */
export interface TableWriter {
  add(row: Cell[]): void;
}

/**
 * Where the generator's rows go. SQLite: one prepared INSERT per table, in large transactions
 * (commit() ends one and begins the next). PostgreSQL: one COPY per table on its own connection,
 * fed in chunks, waiting when the server falls behind (flush()).
 */
export interface Sink {
  table(name: string, columns: readonly string[]): TableWriter;
  /** Called between days: commits on SQLite, hands buffered rows to the COPY streams on PostgreSQL. */
  flush(): Promise<void>;
  finish(): Promise<void>;
}

export function sqliteSink(sqlite: BetterSqlite3.Database, rowsPerCommit = 200_000): Sink {
  let pending = 0;
  sqlite.exec('BEGIN');
  return {
    table(name, columns) {
      const stmt = sqlite.prepare(`INSERT INTO ${name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      return {
        add(row) {
          stmt.run(row);
          pending++;
        },
      };
    },
    async flush() {
      if (pending < rowsPerCommit) return;
      sqlite.exec('COMMIT');
      sqlite.exec('BEGIN');
      pending = 0;
    },
    async finish() {
      sqlite.exec('COMMIT');
    },
  };
}

/** COPY's text format: tab-separated, \N for null, backslash escapes. */
function copyText(value: Cell): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
}

/** `connect` opens a client per table (one connection holds one COPY at a time). */
export function postgresSink(connect: () => Promise<pg.Client>): Sink {
  interface Copy {
    ready: Promise<{ client: pg.Client; stream: NodeJS.WritableStream; done: Promise<void> }>;
    buffer: string[];
  }
  const copies: Copy[] = [];
  let failure: unknown = null;
  const open = async (name: string, columns: readonly string[]) => {
    const client = await connect();
    // This connection's foreign-key triggers stay off during the load (rows refer to each other across tables).
    await client.query('SET session_replication_role = replica');
    await client.query('SET synchronous_commit = off');
    const stream = client.query(copyFrom(`COPY ${name} (${columns.join(', ')}) FROM STDIN`));
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', () => resolve());
      stream.on('error', (err) => {
        failure = err;
        reject(err);
      });
    });
    done.catch(() => undefined); // reported by the next flush()
    return { client, stream, done };
  };
  const flushAll = async (): Promise<void> => {
    for (const copy of copies) {
      const { stream } = await copy.ready;
      if (failure) throw failure;
      if (copy.buffer.length === 0) continue;
      const chunk = copy.buffer.join('');
      copy.buffer = [];
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
  };
  return {
    table(name, columns) {
      const copy: Copy = { ready: open(name, columns), buffer: [] };
      copies.push(copy);
      return { add: (row) => void copy.buffer.push(`${row.map(copyText).join('\t')}\n`) };
    },
    flush: flushAll,
    async finish() {
      await flushAll();
      for (const copy of copies) {
        const { client, stream, done } = await copy.ready;
        stream.end();
        await done;
        await client.end();
      }
    },
  };
}
