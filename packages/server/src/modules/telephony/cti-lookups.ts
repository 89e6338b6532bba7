import type { Selectable } from 'kysely';
import type { CallRecordTable } from '../../db/schema.js';
import { nowIso } from '../../lib/ids.js';
import type { TxContext } from '../../lib/unit-of-work.js';
import { countAttempts, publicLimitsOn } from '../limits/service.js';
import { pgBatchLookups } from './call-batch-pg.js';
import { blockedAmong, jurisdictionLines, liveTokens, usersNamed } from './call-repository.js';
import type { CtiEvent } from './cti-input.js';
import { matchLine, type IndexedParty } from './parties.js';
import type { CtiCaller } from './tokens.js';

/** last_used_at is written at most this often, so a busy PBX does not write the token row per batch. */
const TOUCH_EVERY_MS = 60_000;
/** Zammad names the answering user; only the first few names are looked up. */
const ANSWER_NAMES = 5;

export interface BatchItem {
  caller: CtiCaller;
  event: CtiEvent;
  lineNumber: string;
  party: IndexedParty | null;
}

/** Why a delivery is refused at commit time. */
export type Refusal = { kind: 'revoked' } | { kind: 'limited'; retryAfterSeconds: number };

/**
 * What a batch of webhook events needs to know, read once per batch inside its transaction
 * (ADR 0023): which tokens are still live (a revocation counts from the batch after it
 * commits), the per-token limit, each jurisdiction's lines, which callers are blocked and who
 * the answering users are. Nothing here is cached across batches, so an admin's change is
 * seen by the next batch without any invalidation.
 */
export interface BatchFacts {
  /** Null to go ahead; call once per delivery, in arrival order (it spends the limit). */
  admit(tokenId: string): Refusal | null;
  isBlocked(jurisdictionId: string, bidx: string): boolean;
  lineOf(jurisdictionId: string, number: string): string | null;
  /** The line takes no calls (`accepts_voice = 0`, ADR 0029): its newCalls are refused (ADR 0041). */
  refusesVoice(jurisdictionId: string, lineId: string): boolean;
  answerer(jurisdictionId: string, users: readonly string[]): string | null;
  /**
   * PostgreSQL: the batch's known calls, already read and locked with the facts (one statement,
   * call-batch-pg.ts); null on SQLite, where the service reads them (a statement costs no round trip).
   */
  lockedCalls: Array<Selectable<CallRecordTable>> | null;
}

type Users = Array<{ id: string; username: string; displayName: string }>;
type Lines = Array<{ id: string; number: string; acceptsVoice: number }>;

const distinct = <T>(xs: Iterable<T>): T[] => [...new Set(xs)];

export async function loadBatchFacts(tx: TxContext, items: readonly BatchItem[], now = new Date()): Promise<BatchFacts> {
  const at = nowIso(now);
  const staleBefore = nowIso(new Date(now.getTime() - TOUCH_EVERY_MS));
  const read = tx.dialect === 'postgres' ? await readInOneStatement(tx, items, at, staleBefore) : await readStatementByStatement(tx, items, at, staleBefore);
  const { live, perJurisdiction } = read;
  const budgets = new Map<string, { allowed: number; retryAfterSeconds: number }>();
  if (publicLimitsOn(tx)) {
    const counts = new Map<string, number>();
    for (const i of items) if (live.has(i.caller.tokenId)) counts.set(i.caller.tokenId, (counts.get(i.caller.tokenId) ?? 0) + 1);
    for (const [tokenId, n] of counts) budgets.set(tokenId, await countAttempts(tx, { scope: 'ctiPerToken', key: tokenId, n, now }));
  }
  const of = (j: string) => perJurisdiction.get(j) ?? { lines: [], blocked: new Set<string>(), users: [] };

  return {
    admit(tokenId) {
      if (!live.has(tokenId)) return { kind: 'revoked' };
      const budget = budgets.get(tokenId);
      if (!budget) return null;
      if (budget.allowed <= 0) return { kind: 'limited', retryAfterSeconds: budget.retryAfterSeconds };
      budget.allowed--;
      return null;
    },
    isBlocked: (j, bidx) => of(j).blocked.has(bidx),
    lineOf: (j, number) => matchLine(of(j).lines, number),
    refusesVoice: (j, lineId) => of(j).lines.some((l) => l.id === lineId && l.acceptsVoice === 0),
    // The staff account named by the answer's `user` (username or display name), if exactly one is.
    answerer(j, users) {
      const found = of(j).users;
      const first = users.slice(0, ANSWER_NAMES).map((n) => found.filter((u) => u.username === n || u.displayName === n)).find((m) => m.length > 0);
      return first?.length === 1 ? (first[0]?.id ?? null) : null;
    },
    lockedCalls: read.lockedCalls,
  };
}

interface Read {
  live: Set<string>;
  perJurisdiction: Map<string, { lines: Lines; blocked: Set<string>; users: Users }>;
  lockedCalls: Array<Selectable<CallRecordTable>> | null;
}

/** What each jurisdiction's events ask about: the offered callers (blocked?) and the answering names. */
function asked(items: readonly BatchItem[], j: string): { bidxs: string[]; names: string[] } {
  const mine = items.filter((i) => i.caller.jurisdictionId === j);
  return {
    bidxs: distinct(mine.filter((i) => i.event.event === 'newCall' && i.event.direction === 'in' && i.party !== null).map((i) => i.party?.bidx ?? '')),
    names: distinct(mine.filter((i) => i.event.event === 'answer').flatMap((i) => i.event.users.slice(0, ANSWER_NAMES))),
  };
}

/** SQLite: a statement each (in-process, no round trip); the first a write, which takes the write lock (call-repository.ts#liveTokens). */
async function readStatementByStatement(tx: TxContext, items: readonly BatchItem[], at: string, staleBefore: string): Promise<Read> {
  const db = tx.db;
  const live = await liveTokens(db, distinct(items.map((i) => i.caller.tokenId)), at, staleBefore);
  const perJurisdiction: Read['perJurisdiction'] = new Map();
  for (const j of distinct(items.map((i) => i.caller.jurisdictionId))) {
    const { bidxs, names } = asked(items, j);
    perJurisdiction.set(j, {
      lines: await jurisdictionLines(db, j),
      blocked: await blockedAmong(db, j, bidxs),
      users: names.length > 0 ? await usersNamed(db, j, names) : [],
    });
  }
  return { live, perJurisdiction, lockedCalls: null };
}

/** PostgreSQL: everything, and the known calls locked, in one named statement (call-batch-pg.ts). */
async function readInOneStatement(tx: TxContext, items: readonly BatchItem[], at: string, staleBefore: string): Promise<Read> {
  const jurisdictions = distinct(items.map((i) => i.caller.jurisdictionId));
  const pairs = (f: (j: string) => string[]) => jurisdictions.flatMap((j) => f(j).map((v): [string, string] => [j, v]));
  const callKeys = new Map(items.map((i): [string, [string, string]] => [`${i.caller.jurisdictionId}\u0000${i.event.callId}`, [i.caller.jurisdictionId, i.event.callId]]));
  const r = await pgBatchLookups(tx.db, {
    tokens: distinct(items.map((i) => i.caller.tokenId)), at, staleBefore, jurisdictions,
    blocked: pairs((j) => asked(items, j).bidxs), names: pairs((j) => asked(items, j).names), calls: [...callKeys.values()],
  });
  const perJurisdiction: Read['perJurisdiction'] = new Map(
    jurisdictions.map((j) => [j, { lines: r.lines.get(j) ?? [], blocked: r.blocked.get(j) ?? new Set<string>(), users: r.users.get(j) ?? [] }]),
  );
  return { live: r.live, perJurisdiction, lockedCalls: r.calls };
}
