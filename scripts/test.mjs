#!/usr/bin/env node
// `npm test`: builds what the browser suite serves, runs every vitest project (core, server on
// SQLite, server on PostgreSQL, e2e in Chromium), then prints one totals line for CI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env });

if (!existsSync('/usr/bin/chromium')) {
  console.error('\nChromium is missing: the browser suite needs Debian\'s Chromium.\n  Install it with: apt-get update && apt-get install -y chromium\n');
  process.exit(1);
}

if (process.env.OPENLINE_SKIP_BUILD !== '1') {
  const build = run('npm', ['run', 'build', '--silent']);
  if (build.status !== 0) process.exit(build.status ?? 1);
}

mkdirSync('.artifacts', { recursive: true });
const report = '.artifacts/vitest-report.json';
const vitest = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  // Failed tests, plus files that failed without a failing test (an import error, a failing
  // hook): numFailedTestSuites would count every describe block around a failed test as well.
  const broken = (r.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'));
  failed = (r.numFailedTests ?? 0) + broken.length;
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else {
  failed = 1;
}
if (vitest.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(vitest.status === 0 && failed === 0 ? 0 : 1);
