import type { Config } from '../config.js';
import type { AppContext } from '../lib/app-context.js';
import { verifyPassword } from '../modules/auth/password.js';
import { countUsers, findActiveUsers, findSetting } from './repository.js';
import { DEMO_SEEDED_SETTING, seedDemoIfEmpty, type DemoLog } from './seed.js';
import { DEMO_PASSWORD, DEMO_USERNAMES } from './staff.js';

export interface DemoState {
  /** Demo data was loaded by this start. */
  seeded: boolean;
  /** Active accounts that still sign in with the published demo password. */
  demoAccounts: string[];
  /** No staff account at all: a real install that still needs `npm run create-admin`. */
  noStaff: boolean;
}

/**
 * Accounts anyone can sign in to with the password printed in the README. Only a database the
 * demo loader marked is checked (a real install that happens to have an `admin` pays nothing),
 * and each candidate's hash is verified, so the warning stops once the passwords are changed.
 */
export async function findDemoAccounts(ctx: AppContext): Promise<string[]> {
  if ((await findSetting(ctx.db, DEMO_SEEDED_SETTING)) === undefined) return [];
  const found: string[] = [];
  for (const user of await findActiveUsers(ctx.db, DEMO_USERNAMES)) {
    if (await verifyPassword(user.passwordHash, DEMO_PASSWORD)) found.push(user.username);
  }
  return found;
}

/**
 * The demo part of start-up: load the demo where the configuration allows it (config.demo), then
 * say loudly, at every start, whether demo accounts exist, and tell a real install with no
 * staff how to create its first administrator.
 */
export async function prepareDemoAtStartup(
  ctx: AppContext,
  options: { config: Pick<Config, 'demo' | 'env'>; log: DemoLog; caseCount?: number },
): Promise<DemoState> {
  const { log } = options;
  const seeded = options.config.demo ? (await seedDemoIfEmpty(ctx, { log, ...(options.caseCount !== undefined && { caseCount: options.caseCount }) })) !== null : false;
  const demoAccounts = await findDemoAccounts(ctx);
  if (demoAccounts.length > 0) {
    log.warn(
      `DEMO ACCOUNTS EXIST: ${demoAccounts.join(', ')} sign in with the published password "${DEMO_PASSWORD}". ` +
        (options.config.env === 'production'
          ? 'This is a production start: change or disable these accounts now.'
          : 'Fine for trying Openline; never for real appeals (see README, Production).'),
    );
  }
  const noStaff = (await countUsers(ctx.db)) === 0;
  if (noStaff) log.warn('No staff account exists yet: create the first administrator with `npm run create-admin` (see README, Production).');
  return { seeded, demoAccounts, noStaff };
}
