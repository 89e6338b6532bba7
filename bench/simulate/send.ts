import http from 'node:http';
import { post } from '../cti/drive.js';
import type { PlannedCallDeliveries } from './deliveries.js';

export interface SendReport {
  sent: number;
  realSeconds: number;
  /** Answers by status and body, e.g. `200 {}`, `200 reject`, `401`. */
  answers: Record<string, number>;
  /** Requests that got no HTTP answer at all (connection refused, reset). */
  networkErrors: number;
  /** The first few non-200 answers, to show what went wrong. */
  samples: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function answerKey(status: number, text: string): string {
  if (status === 200 && text === '{}') return '200 {}';
  if (status === 200 && text.includes('"reject"')) return '200 reject';
  return String(status);
}

/**
 * Sends every call's deliveries at their simulated moments divided by `speed` (Infinity: as fast
 * as possible), one call's events one after the other as a bridge does, at most `connections`
 * requests in flight. `onProgress` is called about once a second of real time.
 */
export async function sendDeliveries(
  url: URL,
  calls: readonly PlannedCallDeliveries[],
  o: { speed: number; connections: number; onProgress?: (simMs: number, sent: number) => void },
): Promise<SendReport> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const simStart = Math.min(...calls.map((c) => c.deliveries[0]?.atMs ?? Infinity));
  const report: SendReport = { sent: 0, realSeconds: 0, answers: {}, networkErrors: 0, samples: [] };
  const started = performance.now();
  let inFlight = 0;
  const waiting: Array<() => void> = [];
  const slot = async (): Promise<void> => {
    if (inFlight < o.connections) {
      inFlight++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  };
  const progress = setInterval(() => o.onProgress?.(simStart + (performance.now() - started) * o.speed, report.sent), 1000);

  const runCall = async (c: PlannedCallDeliveries): Promise<void> => {
    for (const d of c.deliveries) {
      const due = Number.isFinite(o.speed) ? (d.atMs - simStart) / o.speed - (performance.now() - started) : 0;
      if (due > 0) await sleep(due);
      await slot();
      try {
        const res = await post(agent, url, d.body, d.form);
        const key = answerKey(res.status, res.text);
        report.answers[key] = (report.answers[key] ?? 0) + 1;
        if (res.status !== 200 && report.samples.length < 5) report.samples.push(`${res.status} ${res.text.slice(0, 120)}`);
      } catch (error) {
        report.networkErrors++;
        if (report.samples.length < 5) report.samples.push(String(error));
      } finally {
        report.sent++;
        release();
      }
    }
  };
  try {
    await Promise.all(calls.map(runCall));
  } finally {
    clearInterval(progress);
    agent.destroy();
  }
  report.realSeconds = Number(((performance.now() - started) / 1000).toFixed(2));
  return report;
}
