import { readFileSync } from 'node:fs';
import pg from 'pg';

/** Linux reports a process's CPU in clock ticks of USER_HZ, 100 a second on every mainstream build (`getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

/** PostgreSQL's side of a run on the same machine: what its backends serving the bench's database burned. */
export interface PgSide {
  /** CPU µs (user + system) of this database's backends so far, by pid (this session's own excluded). */
  backendCpu(): Promise<Map<number, number>>;
  close(): Promise<void>;
}

function cpuOfPid(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces, so cut at the last ')'): utime is the 12th, stime the 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / TICKS_PER_SECOND;
  } catch {
    return undefined; // the backend ended
  }
}

/**
 * Reads the backends' CPU from /proc (PostgreSQL runs here, as the same user or root): the
 * server's side of CPU per request, which pg_stat_statements would give only with a preload the
 * shared server does not have. Backend CPU counts parse, plan, execute, commit and the WAL write
 * it does itself; the WAL writer's and checkpointer's are the server's, not per database, and left out.
 */
export async function watchPostgres(url: string): Promise<PgSide> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    backendCpu: async () => {
      const r = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      const out = new Map<number, number>();
      for (const { pid } of r.rows) {
        const cpu = cpuOfPid(pid);
        if (cpu !== undefined) out.set(pid, cpu);
      }
      return out;
    },
    close: () => client.end(),
  };
}

/** CPU µs the backends used between two readings (a backend that started meanwhile counts from 0). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
  return total;
}
