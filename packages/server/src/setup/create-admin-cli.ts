import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { AppError } from '../errors.js';
import { createAdministrator } from './create-admin.js';
import { readPassword } from './read-password.js';

// `npm run create-admin`: a real install's first administrator (README, Production).
const USAGE = `Usage: npm run create-admin -- [options] < password
  The password comes from standard input (asked for without echo on a terminal, or the first
  line piped in) or from --password-file; never from the command line, where shell history
  and ps would keep it.

  --username NAME            the administrator's sign-in (default: admin)
  --display-name TEXT        the name staff see (default: 系统管理员)
  --password-file FILE       read the password from the first line of FILE
  --jurisdiction-code CODE   join this jurisdiction (default: the first one); when the database
                             has none, it is created with this code (default: city)
  --jurisdiction-name TEXT   name of a jurisdiction created now (default: 本市)
  --timezone ZONE            its IANA time zone (default: Asia/Shanghai)
  --unit-name TEXT           its root org unit (default: the jurisdiction's name)`;

async function run(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        username: { type: 'string', default: 'admin' },
        'display-name': { type: 'string', default: '系统管理员' },
        'password-file': { type: 'string' },
        'jurisdiction-code': { type: 'string' },
        'jurisdiction-name': { type: 'string', default: '本市' },
        timezone: { type: 'string', default: 'Asia/Shanghai' },
        'unit-name': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    const passwordOnArgv = process.argv.some((a) => a === '--password' || a.startsWith('--password='));
    console.error(passwordOnArgv ? 'create-admin: --password is not accepted: pipe the password in or use --password-file.' : `create-admin: ${(err as Error).message}`);
    console.error(USAGE);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const password = await readPassword({ file: values['password-file'], input: process.stdin, output: process.stderr });
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    // Personal data is never touched here, so no data key is needed.
    const admin = await createAdministrator({ db: database.db }, {
      username: values.username,
      displayName: values['display-name'],
      password,
      jurisdiction: { code: values['jurisdiction-code'], name: values['jurisdiction-name'], timezone: values.timezone, rootUnitName: values['unit-name'] },
    });
    const where = `${admin.jurisdiction.name} (${admin.jurisdiction.code}${admin.jurisdiction.created ? ', created now' : ''}), unit ${admin.orgUnit.name}`;
    console.log(`Administrator "${admin.username}" created in ${where}. Sign in at /login.`);
    return 0;
  } finally {
    await database.close();
  }
}

run()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err: unknown) => {
    if (err instanceof AppError) {
      console.error(`create-admin: ${err.message}`);
    } else if (err instanceof ConfigError) {
      console.error(err.message);
    } else {
      console.error('create-admin failed:', err);
    }
    process.exitCode = 1;
  });
