import { z } from 'zod';
import { VULNERABILITIES, type Vulnerability } from './vulnerability-lexicon.js';

export function isVulnerability(value: string): value is Vulnerability {
  return (VULNERABILITIES as readonly string[]).includes(value);
}

/**
 * Distinct flags in `VULNERABILITIES` order: the one form flags are stored, compared and shown
 * in, so "before → after" in a case's history never reports a mere reordering as a change.
 */
export function normalizeVulnerabilities(flags: Iterable<string>): Vulnerability[] {
  const present = new Set(flags);
  return VULNERABILITIES.filter((flag) => present.has(flag));
}

/** True when two flag lists say the same thing (order and repeats aside). */
export function sameVulnerabilities(a: Iterable<string>, b: Iterable<string>): boolean {
  return normalizeVulnerabilities(a).join() === normalizeVulnerabilities(b).join();
}

/**
 * Vulnerability flags a member of staff confirmed (intake, or a later correction). Only known
 * flags: an unknown one is a client bug or an older/newer client, and is refused rather than
 * dropped, so nobody believes a flag was kept that was not. Repeats are folded, not refused.
 */
export const confirmedVulnerabilities = z
  .array(z.enum(VULNERABILITIES))
  // Bounded so a request cannot carry an arbitrarily long list; repeats beyond this are a bug.
  .max(VULNERABILITIES.length * 2)
  .transform((flags) => normalizeVulnerabilities(flags));
