import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DatabaseConfig } from '../../src/config.js';
import type { ChildJob } from './app-child.js';

/** A second Openline process (app-child.ts) on the same database, driven from a test. */
export interface ChildApp {
  /** http://127.0.0.1:port of its app. */
  base: string;
  /** Runs one worker job there and resolves with its result; the test races it against its own. */
  run<T>(job: Omit<ChildJob, 'id'>): Promise<T>;
  stop(): Promise<void>;
}

export async function startChildApp(o: { databaseConfig: DatabaseConfig; dataKey: Buffer }): Promise<ChildApp> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./app-child.ts', import.meta.url))], {
    env: {
      ...process.env,
      CHILD_DATABASE: JSON.stringify(o.databaseConfig),
      CHILD_KEY: o.dataKey.toString('base64'),
      TSX_TSCONFIG_PATH: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  let nextId = 1;
  let buffer = '';
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    for (const w of waiting.values()) w.fail(new Error('child process exited'));
    resolve();
  }));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let cut: number;
      while ((cut = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 1);
        const msg = JSON.parse(line) as { port?: number; id?: number; result?: unknown; error?: string };
        if (msg.port !== undefined) resolve(msg.port);
        const w = msg.id === undefined ? undefined : waiting.get(msg.id);
        if (!w || msg.id === undefined) continue;
        waiting.delete(msg.id);
        if (msg.error !== undefined) w.fail(new Error(`child: ${msg.error}`));
        else w.ok(msg.result);
      }
    });
    void exit.then(() => reject(new Error('child process exited before listening')));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    run: <T>(job: Omit<ChildJob, 'id'>) =>
      new Promise<T>((ok, fail) => {
        if (exited) return fail(new Error('child process exited'));
        const id = nextId++;
        waiting.set(id, { ok: ok as (v: unknown) => void, fail });
        child.stdin.write(`${JSON.stringify({ ...job, id })}\n`);
      }),
    stop: async () => {
      child.stdin.end();
      await exit;
    },
  };
}
