import { randomBytes } from 'node:crypto';
import { planSimulatedCalls, seededRandom, type SimulatedLine } from '@openline/core';
import { DEFAULT_FAULTS, planDeliveries, type FaultRates, type PlannedCallDeliveries } from './deliveries.js';
import { sendDeliveries, type SendReport } from './send.js';

export interface SimulationRequest {
  /** The Openline server, e.g. http://127.0.0.1:3000 */
  url: string;
  token: string;
  /** Line numbers to call; default: the server's public directory (lines that take calls). */
  lines?: string[];
  /** Numbers of lines that are understaffed; default: every second line. */
  understaffed?: string[];
  peakCallsPerHour: number;
  /** Simulated span. */
  startMs: number;
  durationMs: number;
  /** Simulated seconds per real second; Infinity sends as fast as the server takes it. */
  speed: number;
  seed: number;
  users: string[];
  connections: number;
  utcOffsetHours: number;
  faults?: FaultRates;
  onProgress?: (simMs: number, sent: number) => void;
}

export interface LineSummary {
  number: string;
  understaffed: boolean;
  offered: number;
  answered: number;
  plannedAnswerRate: number | null;
}

export interface SimulationResult {
  runId: string;
  calls: PlannedCallDeliveries[];
  lines: LineSummary[];
  totals: { calls: number; inbound: number; outbound: number; deliveries: number; distinctEvents: number; duplicates: number; lateAnswers: number; hangupsFirst: number; anonymous: number; forms: number };
  report: SendReport;
}

/** A well-staffed line: answered nearly always, within seconds. */
const FINE = { answerRate: 0.99, waitSeconds: [2, 12] as const };
/** An understaffed line: a quarter of callers never reach anyone, the rest wait long. */
const UNDERSTAFFED = { answerRate: 0.72, waitSeconds: [8, 50] as const };

/** The published lines a phone system would carry: those that take calls (not SMS-only or tip lines). */
export async function discoverLines(url: string): Promise<string[]> {
  const res = await fetch(new URL('/api/v1/public/lines', url));
  if (!res.ok) throw new Error(`GET /api/v1/public/lines answered ${res.status}; pass --lines`);
  const { items } = (await res.json()) as { items: Array<{ number: string; mode: string }> };
  return items.filter((l) => l.mode === 'staffed' || l.mode === 'direct').map((l) => l.number);
}

/** Plans the traffic, sends it, and says what was sent and what the server answered. */
export async function simulateCalls(q: SimulationRequest): Promise<SimulationResult> {
  const numbers = q.lines ?? (await discoverLines(q.url));
  if (numbers.length === 0) throw new Error('no lines to call: the directory has none that take calls; pass --lines');
  const understaffed = new Set(q.understaffed ?? numbers.filter((_, i) => i % 2 === 1));
  const lines: SimulatedLine[] = numbers.map((number) => ({
    number, peakCallsPerHour: q.peakCallsPerHour, ...(understaffed.has(number) ? UNDERSTAFFED : FINE), voicemail: understaffed.has(number),
  }));
  const random = seededRandom(q.seed);
  const simulated = planSimulatedCalls({ lines, fromMs: q.startMs, toMs: q.startMs + q.durationMs, utcOffsetHours: q.utcOffsetHours, users: q.users, random });
  // Call ids must be new on every run, or a second run would only repeat the first (idempotency).
  const runId = `sim-${randomBytes(4).toString('hex')}`;
  const calls = planDeliveries({ calls: simulated, lineNumbers: numbers, users: q.users, runId, random, faults: q.faults ?? DEFAULT_FAULTS });
  const all = calls.flatMap((c) => c.deliveries);
  const totals = {
    calls: calls.length, inbound: simulated.filter((c) => c.direction === 'in').length, outbound: simulated.filter((c) => c.direction === 'out').length,
    deliveries: all.length, distinctEvents: all.filter((d) => !d.duplicate).length, duplicates: all.filter((d) => d.duplicate).length,
    lateAnswers: calls.filter((c) => c.lateAnswer).length, hangupsFirst: calls.filter((c) => c.hangupFirst).length,
    anonymous: simulated.filter((c) => c.citizen === null).length, forms: all.filter((d) => d.form).length,
  };
  const summaries = numbers.map((number, i): LineSummary => {
    const inbound = calls.filter((c) => c.call.line === i && c.call.direction === 'in');
    const answered = inbound.filter((c) => c.expected === 'answered').length;
    return { number, understaffed: understaffed.has(number), offered: inbound.length, answered, plannedAnswerRate: inbound.length > 0 ? answered / inbound.length : null };
  });
  const url = new URL(`/api/v1/cti/${encodeURIComponent(q.token)}`, q.url);
  const report = await sendDeliveries(url, calls, { speed: q.speed, connections: q.connections, onProgress: q.onProgress });
  return { runId, calls, lines: summaries, totals, report };
}
