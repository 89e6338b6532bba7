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
 * into a department's ordinary work (nor an ordinary appeal into a protected file). A tip case
 * is one whose caller was protected when it was opened (ADR 0006), whatever its line is now.
 */
export function chooseAutoApplication(
  candidates: readonly DuplicateCandidate[],
  options: { contactIsTip: boolean },
): AutoApplication | null {
  for (const candidate of candidates) {
    if (candidate.callerProtected !== options.contactIsTip) continue;
    const kind = autoApplyDecision(candidate.facts);
    if (kind) return { kind, candidate };
  }
  return null;
}
