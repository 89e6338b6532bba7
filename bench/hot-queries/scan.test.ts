import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findingKey, scanSources } from './scan.js';

const root = fileURLToPath(new URL('../../packages/server/src', import.meta.url));
const known = JSON.parse(readFileSync(new URL('./known.json', import.meta.url), 'utf8')) as string[];

/**
 * ADR 0033: every hot query carries the jurisdiction. The queries that do not yet are listed in
 * known.json (each kind explained in the ADR); a new one fails here, so it is either given the
 * jurisdiction or added to the list on purpose — and a fixed one must leave the list.
 */
describe('queries on hot tables carry the jurisdiction', () => {
  const found = scanSources(root).findings.map(findingKey).sort();

  it('adds no query without a jurisdiction beyond the known ones', () => {
    const fresh = found.filter((k) => !known.includes(k));
    expect(fresh, 'give these queries the jurisdiction (or list them in bench/hot-queries/known.json with a reason the ADR covers)').toEqual([]);
  });

  it('lists no query that has since been given its jurisdiction', () => {
    const stale = known.filter((k) => !found.includes(k));
    expect(stale, 'remove these from bench/hot-queries/known.json (npm run check:hot-queries -- and dump-known.ts)').toEqual([]);
  });

  it('finds the bell\'s queries scoped (a query the scanner must not miss)', () => {
    expect(found.some((k) => k.startsWith('modules/notifications/'))).toBe(false);
    expect(found.length).toBeGreaterThan(0);
  });
});
