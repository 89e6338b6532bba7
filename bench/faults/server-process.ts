import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The first folder on the way to `dir` that user `uid` (group `uid`) may not enter, if any. The fault
 * bench runs the server as nobody when it is root; a checkout under a 0700 folder (`mktemp -d`)
 * then failed with tsx's ERR_MODULE_NOT_FOUND, which said nothing about the folder.
 */
export function closedFolderOnTheWay(dir: string, uid: number): string | undefined {
  const folders: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    folders.unshift(d);
    if (path.dirname(d) === d) break;
  }
  return folders.find((d) => {
    const st = statSync(d);
    const enter = st.uid === uid ? 0o100 : st.gid === uid ? 0o010 : 0o001;
    return (st.mode & enter) === 0;
  });
}

/** A port nobody listens on now (the kernel's pick, released at once). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  databaseUrl: string;
  port: number;
  dataKey: string;
  /** Run as this user (root only): how the bench makes a root-owned SQLite file read-only to the server. */
  uid?: number;
  /** Extra environment (tests keep logs quiet, benches may set WORKER=1). */
  env?: Record<string, string>;
}

/**
 * The real server (`packages/server/src/main.ts` through tsx, as from a fresh clone) in its own
 * process, so it can be killed with SIGKILL like a crashed or OOM-killed one.
 */
export class ServerProcess {
  private child: ChildProcess | undefined;
  private output = '';

  constructor(private readonly options: ServerOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  /** Starts it and waits until /healthz answers 200; returns how long that took. */
  async start(timeoutMs = 120_000): Promise<number> {
    const started = Date.now();
    const { uid } = this.options;
    const closed = uid === undefined ? undefined : closedFolderOnTheWay(ROOT, uid);
    if (closed !== undefined) {
      throw new Error(`the server must run as uid ${uid} here (root writes through read-only files), but that user cannot enter ${closed}: give it o+x (chmod o+x ${closed}) or run the bench as a non-root user`);
    }
    this.output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'packages/server/src/main.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: uid === undefined ? (process.env.HOME ?? '/tmp') : '/tmp',
        TSX_TSCONFIG_PATH: path.join(ROOT, 'packages/server/test/tsconfig.json'),
        DATABASE_URL: this.options.databaseUrl,
        PORT: String(this.options.port),
        HOST: '127.0.0.1',
        OPENLINE_DATA_KEY: this.options.dataKey,
        PUBLIC_RATE_LIMITS: '0',
        DEMO: '0',
        WORKER: '0',
        LOG_LEVEL: 'warn',
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(uid === undefined ? {} : { uid, gid: uid }),
    });
    this.child = child;
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    while (Date.now() - started < timeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited while starting (${child.exitCode ?? child.signalCode}):\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) return Date.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not answer /healthz within ${timeoutMs} ms:\n${this.output}`);
  }

  /** SIGKILL: no shutdown hook, no flush, no goodbye — only what was durable survives. */
  async kill9(): Promise<void> {
    await this.stop('SIGKILL');
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  /** The last lines it printed, for a failure report. */
  get lastOutput(): string {
    return this.output;
  }
}
