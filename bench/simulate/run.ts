// A phone system to try Openline with (issue 10 §6): sends realistic Zammad-style CTI traffic to
// a running server so the answer rates and the cold-line marks move.
//   npm run simulate:calls -- --url http://127.0.0.1:3000 --token olc_… [--duration 2h] [--speed 60]
// Options: --lines n1,n2 (default: the public directory's lines that take calls),
// --understaffed n1 (default: every second line), --calls-per-hour 60 (per line, busiest hour),
// --start <ISO> (simulated start, default now; sets the hour-of-day profile), --speed N|max
// (simulated seconds per real second), --seed, --users op1,op2 (who answers), --connections 16.
import { parseArgs } from 'node:util';
import { simulateCalls } from './simulate.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' }, token: { type: 'string' }, lines: { type: 'string' }, understaffed: { type: 'string' },
    'calls-per-hour': { type: 'string', default: '60' }, duration: { type: 'string', default: '1h' }, start: { type: 'string' },
    speed: { type: 'string', default: '60' }, seed: { type: 'string', default: '1' }, users: { type: 'string', default: 'operator' },
    connections: { type: 'string', default: '16' }, 'utc-offset': { type: 'string', default: '8' },
  },
});

function duration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(s|m|h|d)$/.exec(text.trim());
  if (!m) throw new Error(`--duration ${text}: write it as 90s, 30m, 2h or 1d`);
  return Number(m[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
}
const list = (text: string | undefined): string[] | undefined => text?.split(',').map((s) => s.trim()).filter((s) => s !== '');
const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);

if (!values.url || !values.token) {
  console.error('usage: npm run simulate:calls -- --url http://127.0.0.1:3000 --token olc_… [--duration 1h] [--speed 60|max] (see bench/simulate/run.ts)');
  process.exit(2);
}
const speed = values.speed === 'max' ? Infinity : Number(values.speed);
if (!(speed > 0)) throw new Error('--speed must be a positive number or max');
const startMs = values.start ? Date.parse(values.start) : Date.now();
const offset = Number(values['utc-offset']);

const r = await simulateCalls({
  url: values.url, token: values.token, lines: list(values.lines), understaffed: list(values.understaffed),
  peakCallsPerHour: Number(values['calls-per-hour']), startMs, durationMs: duration(values.duration), speed, seed: Number(values.seed),
  users: list(values.users) ?? [], connections: Number(values.connections), utcOffsetHours: offset,
  onProgress: (simMs, sent) => console.log(`  simulated ${new Date(simMs + offset * 3_600_000).toISOString().slice(11, 16)} (UTC${offset >= 0 ? '+' : ''}${offset}), ${sent} events sent`),
});

const t = r.totals;
console.log(`\nSent (run ${r.runId}): ${t.calls} calls (${t.inbound} in, ${t.outbound} out), ${t.deliveries} events in ${r.report.realSeconds} s`);
console.log(`  faults: ${t.duplicates} duplicate deliveries, ${t.lateAnswers} answers after the hangup, ${t.hangupsFirst} hangups before the newCall;` +
  ` ${t.anonymous} anonymous callers; ${t.forms} form bodies, ${t.deliveries - t.forms} JSON`);
console.log('  planned, inbound by line:');
for (const l of r.lines) console.log(`    ${l.number.padEnd(18)} ${l.understaffed ? 'understaffed' : 'staffed     '}  ${l.answered}/${l.offered} answered (${pct(l.plannedAnswerRate)})`);
console.log(`Server answers: ${JSON.stringify(r.report.answers)}${r.report.networkErrors ? `, ${r.report.networkErrors} network errors` : ''}`);
for (const s of r.report.samples) console.log(`  e.g. ${s}`);
if (Number.isFinite(speed) && speed > 1) console.log(`(At ${speed}× the server sees waits ${speed}× shorter: it times calls by when events arrive.)`);

// What the directory shows now: the server's own 24-h figures per line (issue 10 §4).
try {
  const res = await fetch(new URL('/api/v1/public/lines', values.url));
  const { items } = (await res.json()) as { items: Array<{ number: string; calls: { offered: number; answered: number; answerRate: number | null; cold: boolean } | null }> };
  console.log('Directory, last 24 h:');
  for (const l of items) if (l.calls) console.log(`    ${l.number.padEnd(18)} ${l.calls.answered}/${l.calls.offered} answered (${pct(l.calls.answerRate)})${l.calls.cold ? '  冷线 cold' : ''}`);
} catch (error) {
  console.log(`(could not read the directory: ${String(error)})`);
}
const ok = (r.report.answers['200 {}'] ?? 0) + (r.report.answers['200 reject'] ?? 0);
if (ok !== r.report.sent) process.exitCode = 1;
