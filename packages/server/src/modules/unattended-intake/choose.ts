import { autoApplyDecision, type AutoApplyKind } from '@openline/core';
import type { DuplicateCandidate } from '../intake-check/candidates.js';

export interface AutoApplication {
  kind: AutoApplyKind;
  candidate: DuplicateCandidate;
}

/**
 * The candidate unattended intake applies by itself, if any: the first (the same caller's
 * before others', the most similar first) that core's stricter bar accepts. A tip-line report
 * (举报) only ever joins another tip-line case and an ordinary appeal never joins a tip: the
 * reporter's identity is protected on tip cases only, and a text alone must not carry a tip
 * into a department's ordinary work (nor an ordinary appeal into a protected file).
 */
export function chooseAutoApplication(
  candidates: readonly DuplicateCandidate[],
  options: { contactIsTip: boolean; tipLineIds: ReadonlySet<string> },
): AutoApplication | null {
  for (const candidate of candidates) {
    const candidateIsTip = candidate.lineId !== null && options.tipLineIds.has(candidate.lineId);
    if (candidateIsTip !== options.contactIsTip) continue;
    const kind = autoApplyDecision(candidate.facts);
    if (kind) return { kind, candidate };
  }
  return null;
}
