// Starts the real, built Openline server (SQLite, demo data) as a child process and stops it
// gracefully: once for the whole suite (global-setup.ts), and privately for a test file that needs
// a server in a state the shared one has left (e.g. no routing model trained yet).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const serverMain = join(repoRoot, 'packages/server/dist/main.js');
const webIndex = join(repoRoot, 'packages/web/dist/index.html');

const HEALTH_TIMEOUT_MS = 60_000;
const SHUTDOWN_TIMEOUT_MS = 15_000;
const OUTPUT_LIMIT = 200; // lines of child output kept for error messages

export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  baseUrl: string;
  /** Path of the server's SQLite database file. */
  dbPath: string;
  /** True once the process has exited, whatever the reason. */
  exited(): boolean;
  /**
   * Sends SIGTERM and requires the process to finish and exit by itself (graceful shutdown);
   * throws, with the server's output, when it does not or when it had already died.
   */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      if (address === null || typeof address === 'string') {
        srv.close();
        reject(new Error('could not determine a free port'));
        return;
      }
      const { port } = address;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function waitForExit(child: ChildProcess, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | undefined> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

/** Throws with the command to run when the built app is missing. */
export function assertBuilt(): void {
  const missing = [serverMain, webIndex].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(`The end-to-end suite needs the built app (missing: ${missing.join(', ')}): run npm run build first.`);
  }
}

/**
 * Starts `node packages/server/dist/main.js` on a fresh SQLite file with the demo data and waits
 * until /healthz is ok. `env` is added to (and overrides) the defaults, e.g. `{ WORKER: '0' }`.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  assertBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'openline-e2e-'));
  const dbPath = join(dataDir, 'e2e.db');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  // Start from the caller's environment, minus what Vitest sets for itself, so the server starts
  // the way `npm start` starts it.
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(childEnv)) {
    if (key.startsWith('VITEST') || key === 'NODE_ENV' || key === 'TEST') delete childEnv[key];
  }
  Object.assign(childEnv, {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: `sqlite:${dbPath}`,
    OPENLINE_DATA_KEY: randomBytes(32).toString('base64'),
    DEMO: '1',
    LOG_LEVEL: 'warn',
    ...env,
  });

  const output: string[] = [];
  const keep = (prefix: string) => (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      output.push(`${prefix}${line}`);
      if (output.length > OUTPUT_LIMIT) output.shift();
    }
  };
  const child = spawn(process.execPath, [serverMain], { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', keep(''));
  child.stderr?.on('data', keep('[stderr] '));
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  // Never leave a server behind if the test process itself dies.
  const killOnExit = () => {
    if (!exited) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const childOutput = () => (output.length > 0 ? output.join('\n') : '(no output)');
  const cleanup = () => {
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + HEALTH_TIMEOUT_MS;
    let last = 'no response yet';
    for (;;) {
      if (exited) {
        throw new Error(`the server exited (code ${child.exitCode}, signal ${child.signalCode}) before it was healthy`);
      }
      try {
        const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
        const body = await res.text();
        last = `HTTP ${res.status} ${body}`;
        if (res.status === 200) {
          const json = JSON.parse(body) as { status?: unknown; database?: unknown };
          if (json.status === 'ok' && json.database === 'sqlite') break;
          throw new Error(`/healthz answered 200 but not {"status":"ok","database":"sqlite"}: ${body}`);
        }
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('/healthz answered')) throw error;
        if (error instanceof Error && !last.startsWith('HTTP')) last = error.message;
      }
      if (Date.now() > deadline) {
        throw new Error(`the server did not become healthy within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last})`);
      }
      await sleep(250);
    }
  } catch (error) {
    if (!exited) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    }
    process.off('exit', killOnExit);
    cleanup();
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`e2e: could not start the server (node packages/server/dist/main.js): ${message}\n--- server output ---\n${childOutput()}`);
  }

  const stop = async (): Promise<void> => {
    try {
      if (exited) {
        throw new Error(
          `e2e: the server exited during the tests (code ${child.exitCode}, signal ${child.signalCode})\n--- server output ---\n${childOutput()}`,
        );
      }
      // Graceful shutdown is a requirement: SIGTERM must make the process finish and exit by itself.
      child.kill('SIGTERM');
      const result = await waitForExit(child, SHUTDOWN_TIMEOUT_MS);
      if (result === undefined) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
        throw new Error(
          `e2e: the server did not exit within ${SHUTDOWN_TIMEOUT_MS / 1000} s of SIGTERM (graceful shutdown)\n--- server output ---\n${childOutput()}`,
        );
      }
      if (result.code !== 0 && result.code !== null) {
        throw new Error(`e2e: the server exited with code ${result.code} after SIGTERM\n--- server output ---\n${childOutput()}`);
      }
      if (result.code === null && result.signal !== null) {
        throw new Error(
          `e2e: the server was ended by ${result.signal} instead of handling SIGTERM and exiting\n--- server output ---\n${childOutput()}`,
        );
      }
    } finally {
      process.off('exit', killOnExit);
      cleanup();
    }
  };

  return { baseUrl, dbPath, exited: () => exited, stop };
}
