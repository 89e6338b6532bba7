import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';

/**
 * The bare ceiling the issue measures against: Fastify answering a POST after ONE durable SQLite
 * insert of its body (WAL, synchronous=FULL: one fsync per request), nothing else. What any
 * one-insert-per-request design could reach on this machine at this moment.
 */
export async function startBareServer(): Promise<{ app: FastifyInstance; url: string; rows: () => number; close: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'openline-bare-'));
  const db = new BetterSqlite3(path.join(dir, 'bare.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('create table appeals (id integer primary key, body text not null, received_at text not null)');
  const insert = db.prepare('insert into appeals (body, received_at) values (?, ?)');
  const app = Fastify({ logger: false });
  app.post('/appeals', async (request, reply) => {
    const { lastInsertRowid } = insert.run(JSON.stringify(request.body), new Date().toISOString());
    return reply.status(201).send({ trackingCode: String(lastInsertRowid) });
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app, url,
    rows: () => (db.prepare('select count(*) as n from appeals').get() as { n: number }).n,
    close: async () => {
      await app.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
