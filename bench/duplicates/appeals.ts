// A run-time check of the duplicate rules on real posts (appeals-zh or any CSV with the columns
// title, body, user, time): no labels exist, so it reports descriptive figures only. The file is
// read where it lies and nothing from it is written anywhere (see its README).
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { seededRandom } from '../../packages/core/src/random.js';
import {
  REPEAT_WINDOW_MS,
  autoApplyDecision,
  classifyCandidate,
  numbersConflict,
  textTokens,
  tokenSetSimilarity,
  type CandidateFacts,
} from '../../packages/core/src/similarity/index.js';

interface Post {
  user: string;
  time: number;
  tokens: Set<string>;
}

/** 2017/10/14 14:25:14 → epoch ms (the file's local time; only differences matter here). */
function parseTime(text: string): number {
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})$/u.exec(text.trim());
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
}

async function readPosts(path: string): Promise<{ posts: Post[]; skipped: number }> {
  const rows: unknown = parse(await readFile(path, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true });
  if (!Array.isArray(rows)) throw new Error(`${path}: not a CSV table`);
  const posts: Post[] = [];
  let skipped = 0;
  for (const row of rows as Record<string, string | undefined>[]) {
    const user = (row.user ?? '').trim();
    const time = parseTime(row.time ?? '');
    const text = `${(row.title ?? '').trim()}${(row.body ?? '').trim()}`;
    // Anonymous posts (no user, no time) cannot be paired by caller.
    if (user === '' || Number.isNaN(time) || text === '') {
      skipped++;
      continue;
    }
    posts.push({ user, time, tokens: textTokens(text) });
  }
  return { posts, skipped };
}

const round = (x: number): number => Number(x.toFixed(3));

function quantiles(values: number[]): Record<string, number> | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number): number => round(s[Math.min(s.length - 1, Math.floor(p * s.length))] as number);
  return { p10: q(0.1), p25: q(0.25), median: q(0.5), p75: q(0.75), p90: q(0.9), max: round(s[s.length - 1] as number) };
}

function facts(a: Post, b: Post, sameCaller: boolean, ageMs: number): CandidateFacts {
  return {
    textSimilarity: tokenSetSimilarity(a.tokens, b.tokens),
    sameCaller,
    place: 'unknown',
    ageMs,
    candidateOpen: true,
    numbersConflict: numbersConflict(a.tokens, b.tokens),
  };
}

export interface AppealsFigures {
  file: string;
  posts: number;
  skippedAnonymous: number;
  sameUserPairs: number;
  /** Users with two posts or more, and the pairs of the most prolific one (it can dominate). */
  usersWithPairs: number;
  largestUserPairs: number;
  sameUserWithin90Days: number;
  /** Among same-user pairs within 90 days, taken as an open case: classifyCandidate says repeat. */
  repeatShareWithin90Days: number;
  /** Per incoming post (as the intake check sees it): posts with an earlier one by the same user within 90 days… */
  postsWithEarlierWithin90Days: number;
  /** …and the share of those for which one of the earlier posts is called a repeat. */
  postsCalledRepeatShare: number;
  attachShareWithin90Days: number;
  similarityWithin90Days: Record<string, number> | null;
  /** All same-user pairs whatever their gap: how many reach the repeat bar on text. */
  repeatBarShareAllSameUser: number;
  similarityAllSameUser: Record<string, number> | null;
  differentUserSample: number;
  /** Different users, taken as within 72 h with no address: text-only same-incident rate. */
  sameIncidentTextOnlyRate: number;
  sameIncidentTextOnlyFired: number;
  similarityDifferentUser: Record<string, number> | null;
}

const share = (a: number, b: number): number => (b === 0 ? 0 : round(a / b));

/** Every pair of one user's posts, the earlier one taken as that caller's open case. */
function sameUserFigures(posts: readonly Post[]) {
  const byUser = new Map<string, Post[]>();
  for (const p of posts) byUser.set(p.user, [...(byUser.get(p.user) ?? []), p]);
  const within: number[] = [];
  const all: number[] = [];
  const n = { repeats: 0, attaches: 0, repeatBar: 0, postsWithEarlier: 0, postsCalledRepeat: 0, usersWithPairs: 0, largestUserPairs: 0 };
  for (const list of byUser.values()) {
    list.sort((a, b) => a.time - b.time);
    if (list.length > 1) n.usersWithPairs++;
    n.largestUserPairs = Math.max(n.largestUserPairs, (list.length * (list.length - 1)) / 2);
    for (let j = 1; j < list.length; j++) {
      const incoming = list[j] as Post;
      let earlier = false;
      let called = false;
      for (const existing of list.slice(0, j)) {
        const ageMs = incoming.time - existing.time;
        const f = facts(incoming, existing, true, ageMs);
        all.push(f.textSimilarity);
        // The bar alone, as if the gap were inside the window.
        if (classifyCandidate({ ...f, ageMs: 0 }) === 'repeat') n.repeatBar++;
        if (ageMs > REPEAT_WINDOW_MS) continue;
        earlier = true;
        within.push(f.textSimilarity);
        if (classifyCandidate(f) === 'repeat') {
          n.repeats++;
          called = true;
        }
        if (autoApplyDecision(f) === 'attach') n.attaches++;
      }
      if (earlier) n.postsWithEarlier++;
      if (called) n.postsCalledRepeat++;
    }
  }
  return {
    sameUserPairs: all.length,
    usersWithPairs: n.usersWithPairs,
    largestUserPairs: n.largestUserPairs,
    sameUserWithin90Days: within.length,
    repeatShareWithin90Days: share(n.repeats, within.length),
    postsWithEarlierWithin90Days: n.postsWithEarlier,
    postsCalledRepeatShare: share(n.postsCalledRepeat, n.postsWithEarlier),
    attachShareWithin90Days: share(n.attaches, within.length),
    similarityWithin90Days: quantiles(within),
    repeatBarShareAllSameUser: share(n.repeatBar, all.length),
    similarityAllSameUser: quantiles(all),
  };
}

/** A seeded sample of two different users' posts, scored as text only within 72 hours. */
function differentUserFigures(posts: readonly Post[], opts: { sample: number; seed: number }) {
  const rand = seededRandom(opts.seed);
  const similarities: number[] = [];
  let fired = 0;
  for (let tries = 0; similarities.length < opts.sample && posts.length > 1 && tries < opts.sample * 10; tries++) {
    const a = posts[Math.floor(rand() * posts.length)] as Post;
    const b = posts[Math.floor(rand() * posts.length)] as Post;
    if (a === b || a.user === b.user) continue;
    const f = facts(a, b, false, 3_600_000);
    similarities.push(f.textSimilarity);
    if (classifyCandidate(f) === 'same_incident') fired++;
  }
  const sampled = similarities.length;
  return {
    differentUserSample: sampled,
    sameIncidentTextOnlyRate: sampled === 0 ? 0 : Number((fired / sampled).toFixed(5)),
    sameIncidentTextOnlyFired: fired,
    similarityDifferentUser: quantiles(similarities),
  };
}

export async function appealsCheck(path: string, opts: { sample: number; seed: number }): Promise<AppealsFigures> {
  const { posts, skipped } = await readPosts(path);
  return { file: path, posts: posts.length, skippedAnonymous: skipped, ...sameUserFigures(posts), ...differentUserFigures(posts, opts) };
}
