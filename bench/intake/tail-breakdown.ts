import type { RequestTimes } from './drive.js';
import type { LoopWatched, Span } from './loop-watch.js';

/**
 * Where the slow requests' time went (bench:intake-tail, issue 13 §1: p99 ≤ 25 ms at 2,000/s).
 * Everything is a span in epoch ms from the server's and the client's timelines; each moment of a
 * request's wait, from when it was due to its answer, is given to the first thing on this list
 * that was happening then: what held a loop comes before the phase the request was in, so a
 * moment "queued for a batch" during a drainer batch counts as the drainer's.
 */
export const CAUSES = [
  'client: not sent yet (connections busy / loop behind)',
  'client: GC or loop stalled',
  'server: GC',
  'server: drainer batch (holds loop + connection)',
  'server: own batch, insert + commit (fsync)',
  'server: own batch, building its rows',
  'server: another accept batch',
  'server: loop stalled (not one of the above)',
  'server: queued for a batch',
  'server: HTTP in (read, parse, hooks)',
  'server: answer out (serialise, socket, client read)',
  'unattributed',
] as const;
export type Cause = (typeof CAUSES)[number];

export interface AcceptBatchSpan extends Span {
  size: number;
  /** When the insert began: from here to `to` is the insert and its commit (the fsync). */
  insertAt: number;
  oldestQueuedAt: number;
  meanQueuedMs: number;
}

export interface ServerTimeline {
  /** By tracking code: when the route handed the appeal to the group commit, and when it got it back. */
  submits: Map<string, { submitAt: number; resolvedAt: number }>;
  batches: AcceptBatchSpan[];
  slices: Array<Span & { claimed: number }>;
  /**
   * SQLite: a drainer batch holds the loop and the one connection from its claim to its commit
   * (ADR 0049), so a request waits for it. PostgreSQL: it yields at every statement and only shares
   * the pool, so its time is shown beside, like a checkpoint's, not taken from the other causes.
   */
  drainerHoldsLoop: boolean;
  loop: LoopWatched;
  /** Background WAL checkpoints (≥ 1 ms): not exclusive, they run on their own thread. */
  checkpoints: Span[];
  /** While the timeline was kept (the client's start-up included): what the shares of time are of. */
  window: Span;
}

/** Spans sorted by start, with the longest's length, to find those overlapping a window quickly. */
class SpanIndex<S extends Span> {
  private readonly spans: S[];
  private readonly longest: number;
  constructor(spans: readonly S[]) {
    this.spans = [...spans].sort((a, b) => a.from - b.from);
    this.longest = this.spans.reduce((m, s) => Math.max(m, s.to - s.from), 0);
  }
  overlapping(w: Span): S[] {
    let lo = 0;
    let hi = this.spans.length;
    const start = w.from - this.longest;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.spans[mid]?.from ?? 0) < start) lo = mid + 1;
      else hi = mid;
    }
    const found: S[] = [];
    for (let i = lo; i < this.spans.length; i++) {
      const s = this.spans[i] as S;
      if (s.from >= w.to) break;
      if (s.to > w.from) found.push(s);
    }
    return found;
  }
  all(): readonly S[] {
    return this.spans;
  }
}

const overlapMs = (spans: readonly Span[], w: Span): number =>
  spans.reduce((sum, s) => sum + Math.max(0, Math.min(s.to, w.to) - Math.max(s.from, w.from)), 0);

export interface Breakdown {
  requests: number;
  meanLatencyMs: number;
  /** Mean ms per request by cause. */
  byCause: Record<Cause, number>;
  /** How many of them overlapped each, at all. */
  touched: { drainerBatch: number; serverGc: number; majorGc: number; checkpoint: number; longCommit: number; clientStall: number };
  /** Mean ms per request a background checkpoint was running (not exclusive: another thread). */
  checkpointMs: number;
  /** PostgreSQL: mean ms per request a drainer batch was running beside it (SQLite: 0, it is a cause). */
  drainerBesideMs: number;
}

/**
 * Breaks down the requests whose latency (from due) is at least `fromMs` (-Infinity: all of them;
 * a timer can send a request a millisecond before it is due). A long commit is one whose insert +
 * commit took more than `longCommitMs`.
 */
export function breakDown(requests: readonly RequestTimes[], server: ServerTimeline, client: LoopWatched | undefined, o: { fromMs: number; longCommitMs: number }): Breakdown {
  const batches = new SpanIndex(server.batches);
  const slices = new SpanIndex(server.slices);
  const gcs = new SpanIndex(server.loop.gcs);
  const stalls = new SpanIndex(server.loop.stalls);
  const checkpoints = new SpanIndex(server.checkpoints);
  const clientSpans = new SpanIndex([...(client?.gcs ?? []), ...(client?.stalls ?? [])]);
  const byEnd = [...server.batches].sort((a, b) => a.to - b.to);
  const byCause = Object.fromEntries(CAUSES.map((c) => [c, 0])) as Record<Cause, number>;
  const touched = { drainerBatch: 0, serverGc: 0, majorGc: 0, checkpoint: 0, longCommit: 0, clientStall: 0 };
  let n = 0;
  let latency = 0;
  let checkpointMs = 0;
  let drainerBesideMs = 0;
  for (const r of requests) {
    if (r.done - r.due < o.fromMs) continue;
    n++;
    latency += r.done - r.due;
    const w = { from: r.due, to: r.done };
    const mine = r.code === null ? undefined : server.submits.get(r.code);
    const own = mine ? ownBatch(byEnd, mine) : undefined;
    const near = {
      batches: batches.overlapping(w), slices: slices.overlapping(w), gcs: gcs.overlapping(w),
      stalls: stalls.overlapping(w), client: clientSpans.overlapping(w), checkpoints: checkpoints.overlapping(w),
    };
    const others = near.batches.filter((b) => b !== own);
    if (near.slices.length > 0) touched.drainerBatch++;
    if (near.gcs.length > 0) touched.serverGc++;
    if (near.gcs.some((g) => g.kind === 2)) touched.majorGc++;
    if (near.checkpoints.length > 0) touched.checkpoint++;
    if (near.batches.some((b) => b.to - b.insertAt > o.longCommitMs)) touched.longCommit++;
    if (near.client.length > 0) touched.clientStall++;
    checkpointMs += overlapMs(near.checkpoints, w);
    if (!server.drainerHoldsLoop) drainerBesideMs += overlapMs(merged(near.slices, w), w);
    const holding = server.drainerHoldsLoop ? near.slices : [];
    for (const [cause, ms] of causesOf(w, r, { ...near, slices: holding, others, own, mine })) byCause[cause] += ms;
  }
  for (const c of CAUSES) byCause[c] = Number((byCause[c] / Math.max(1, n)).toFixed(2));
  const mean = (ms: number): number => Number((ms / Math.max(1, n)).toFixed(2));
  return { requests: n, meanLatencyMs: mean(latency), byCause, touched, checkpointMs: mean(checkpointMs), drainerBesideMs: mean(drainerBesideMs) };
}

/** The accept batch that answered a request: the last to end before its answer came back, started after it was queued. */
function ownBatch(byEnd: readonly AcceptBatchSpan[], mine: { submitAt: number; resolvedAt: number }): AcceptBatchSpan | undefined {
  let lo = 0;
  let hi = byEnd.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((byEnd[mid]?.to ?? 0) <= mine.resolvedAt) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) {
    const b = byEnd[i] as AcceptBatchSpan;
    if (b.from >= mine.submitAt - 0.01 && b.oldestQueuedAt <= mine.submitAt + 0.01) return b;
    if (b.to < mine.submitAt) return undefined;
  }
  return undefined;
}

/**
 * The request's window cut among the causes: each cause in CAUSES order takes what is left of
 * the window where its spans lie (sorted, disjoint interval lists: linear in the spans nearby).
 */
function causesOf(
  w: Span,
  r: RequestTimes,
  near: { slices: Span[]; gcs: Span[]; stalls: Span[]; client: Span[]; others: AcceptBatchSpan[]; own: AcceptBatchSpan | undefined; mine: { submitAt: number; resolvedAt: number } | undefined },
): Array<[Cause, number]> {
  const { own, mine } = near;
  const span = (from: number | undefined, to: number | undefined): Span[] => (from === undefined || to === undefined ? [] : [{ from, to }]);
  const claims: Array<[Cause, Span[]]> = [
    ['client: not sent yet (connections busy / loop behind)', span(r.due, r.sent)],
    ['client: GC or loop stalled', near.client],
    ['server: GC', near.gcs],
    ['server: drainer batch (holds loop + connection)', near.slices],
    ['server: own batch, insert + commit (fsync)', span(own?.insertAt, own?.to)],
    ['server: own batch, building its rows', span(own?.from, own?.insertAt)],
    ['server: another accept batch', near.others],
    ['server: loop stalled (not one of the above)', near.stalls],
    ['server: queued for a batch', own ? span(mine?.submitAt, own.from) : []],
    ['server: HTTP in (read, parse, hooks)', span(r.sent, mine?.submitAt)],
    ['server: answer out (serialise, socket, client read)', mine ? span(own?.to ?? mine.resolvedAt, r.done) : []],
  ];
  let left: Span[] = [w];
  const out: Array<[Cause, number]> = [];
  for (const [cause, spans] of claims) {
    const taken = merged(spans, w);
    out.push([cause, length(intersect(left, taken))]);
    left = subtract(left, taken);
  }
  out.push(['unattributed', length(left)]);
  return out;
}

/** Clipped to the window, sorted, overlaps joined. */
function merged(spans: readonly Span[], w: Span): Span[] {
  const clipped = spans.map((s) => ({ from: Math.max(s.from, w.from), to: Math.min(s.to, w.to) })).filter((s) => s.to > s.from).sort((a, b) => a.from - b.from);
  const out: Span[] = [];
  for (const s of clipped) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else out.push({ ...s });
  }
  return out;
}

const length = (spans: readonly Span[]): number => spans.reduce((sum, s) => sum + (s.to - s.from), 0);

/** Both sorted and disjoint. */
function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Span;
    const y = b[j] as Span;
    const from = Math.max(x.from, y.from);
    const to = Math.min(x.to, y.to);
    if (to > from) out.push({ from, to });
    if (x.to < y.to) i++;
    else j++;
  }
  return out;
}

function subtract(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let j = 0;
  for (const x of a) {
    let from = x.from;
    while (j < b.length && (b[j] as Span).to <= from) j++;
    let k = j;
    while (k < b.length && (b[k] as Span).from < x.to) {
      const y = b[k] as Span;
      if (y.from > from) out.push({ from, to: y.from });
      from = Math.max(from, y.to);
      k++;
    }
    if (from < x.to) out.push({ from, to: x.to });
  }
  return out;
}

const pct = (xs: number[], q: number): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? 0).toFixed(2));
};
const dist = (xs: number[]): string => `p50 ${pct(xs, 0.5)} p99 ${pct(xs, 0.99)} max ${pct(xs, 1)}`;

/** The run's timelines summed up: accept batches, drainer batches, GC, checkpoints, both loops. */
export function describeTimelines(server: ServerTimeline, client: LoopWatched | undefined): string[] {
  const seconds = (server.window.to - server.window.from) / 1000;
  const b = server.batches;
  const commits = b.map((x) => x.to - x.insertAt);
  const commitP99 = pct(commits, 0.99);
  const slow = b.filter((x) => x.to - x.insertAt >= commitP99 && commitP99 > 0);
  const cpIndex = new SpanIndex(server.checkpoints);
  const slowWithCp = slow.filter((x) => cpIndex.overlapping({ from: x.insertAt, to: x.to }).length > 0).length;
  const cpBusy = server.checkpoints.reduce((s, c) => s + (c.to - c.from), 0);
  const slices = server.slices.filter((s) => s.claimed > 0);
  const sliceMs = slices.map((s) => s.to - s.from);
  const gcByKind = (kind: number): number[] => server.loop.gcs.filter((g) => g.kind === kind).map((g) => g.to - g.from);
  const stallMs = server.loop.stalls.map((s) => s.to - s.from);
  const lines = [
    `accept batches: ${b.length}, mean ${(b.reduce((s, x) => s + x.size, 0) / Math.max(1, b.length)).toFixed(1)} appeals, size ${dist(b.map((x) => x.size))}`,
    `  oldest appeal's wait for its batch ms ${dist(b.map((x) => x.from - x.oldestQueuedAt))}; mean wait ${dist(b.map((x) => x.meanQueuedMs))}`,
    `  building rows ms ${dist(b.map((x) => x.insertAt - x.from))}; insert + commit (fsync) ms ${dist(commits)}`,
    `  commits ≥ their p99 (${commitP99} ms): ${slow.length}, of which ${slowWithCp} overlapped a background checkpoint (by chance: ${((100 * cpBusy) / Math.max(1, seconds * 1000)).toFixed(1)} % of the time)`,
    `drainer batches: ${slices.length} (${slices.reduce((s, x) => s + x.claimed, 0)} appeals), wall ms ${dist(sliceMs)}, ${((100 * sliceMs.reduce((s, x) => s + x, 0)) / Math.max(1, seconds * 1000)).toFixed(1)} % of the time`,
    `server GC: scavenges ${gcByKind(1).length} (ms ${dist(gcByKind(1))}), mark-compact ${gcByKind(2).length} (ms ${dist(gcByKind(2))}), incremental ${gcByKind(4).length} (ms ${dist(gcByKind(4))})`,
    `background checkpoints ≥ 1 ms: ${server.checkpoints.length}, ms ${dist(server.checkpoints.map((c) => c.to - c.from))}`,
    `server loop: delay p50 ${server.loop.delayMs.p50} p99 ${server.loop.delayMs.p99} max ${server.loop.delayMs.max} ms; stalls > 3 ms: ${stallMs.length}, ms ${dist(stallMs)}`,
  ];
  if (client) {
    const cs = client.stalls.map((s) => s.to - s.from);
    const cg = client.gcs.map((g) => g.to - g.from);
    lines.push(`client loop: delay p99 ${client.delayMs.p99} max ${client.delayMs.max} ms; stalls > 3 ms: ${cs.length} (ms ${dist(cs)}); GC ${cg.length} (ms ${dist(cg)})`);
  }
  return lines;
}

/** The causes that took most of a breakdown's mean wait, largest first, as `cause N ms (share)`. */
export function largestCauses(b: Breakdown, n = 3): string {
  return CAUSES.map((c) => [c, b.byCause[c]] as const)
    .filter(([, ms]) => ms > 0)
    .sort((x, y) => y[1] - x[1])
    .slice(0, n)
    .map(([c, ms]) => `${c} ${ms} ms (${Math.round((100 * ms) / Math.max(0.01, b.meanLatencyMs))} %)`)
    .join('; ');
}

/** The breakdowns side by side, one line a cause, ms per request. */
export function printBreakdowns(columns: Array<{ name: string; b: Breakdown }>): string[] {
  const head = `${'mean ms per request'.padEnd(52)}${columns.map((c) => c.name.padStart(16)).join('')}`;
  const rows = CAUSES.map((cause) => `${cause.padEnd(52)}${columns.map((c) => String(c.b.byCause[cause]).padStart(16)).join('')}`);
  const extra = (label: string, f: (b: Breakdown) => string): string => `${label.padEnd(52)}${columns.map((c) => f(c.b).padStart(16)).join('')}`;
  return [
    head,
    extra('requests', (b) => String(b.requests)),
    extra('mean latency ms (from due)', (b) => String(b.meanLatencyMs)),
    ...rows,
    extra('(beside) a background checkpoint ran, ms', (b) => String(b.checkpointMs)),
    extra('(beside) a drainer batch ran (PostgreSQL), ms', (b) => String(b.drainerBesideMs)),
    extra('touched a drainer batch', (b) => String(b.touched.drainerBatch)),
    extra('touched a server GC (mark-compact)', (b) => `${b.touched.serverGc} (${b.touched.majorGc})`),
    extra('touched a checkpoint', (b) => String(b.touched.checkpoint)),
    extra('touched a long commit', (b) => String(b.touched.longCommit)),
    extra('touched a client stall', (b) => String(b.touched.clientStall)),
  ];
}
