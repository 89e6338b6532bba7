import { CASE_TYPES, type CaseType } from '@openline/core';
import { POLICY_URGENCIES, STAGES, type DeadlinePolicy, type PolicyUrgency, type Span, type StageSpans } from '../../../api/settings';

/** Where a row of the editor reads and writes in the policy. */
export type RowTarget =
  | { kind: 'byType'; type: CaseType; urgency: PolicyUrgency }
  | { kind: 'utilitiesOutage' };

/** One row per case type × urgency, in the order the server keeps them, then the utility-outage rule. */
export function policyRows(policy: DeadlinePolicy): RowTarget[] {
  const rows: RowTarget[] = [];
  for (const type of CASE_TYPES.filter((t) => t in policy.byType)) {
    for (const urgency of POLICY_URGENCIES) rows.push({ kind: 'byType', type, urgency });
  }
  rows.push({ kind: 'utilitiesOutage' });
  return rows;
}

export function spansOf(policy: DeadlinePolicy, row: RowTarget): StageSpans | undefined {
  return row.kind === 'utilitiesOutage' ? policy.utilitiesOutage : policy.byType[row.type]?.[row.urgency];
}

/** A copy of the policy with one span replaced; the original is left as it was. */
export function withSpan(policy: DeadlinePolicy, row: RowTarget, stage: (typeof STAGES)[number], span: Span): DeadlinePolicy {
  const current = spansOf(policy, row);
  if (!current) return policy;
  const spans = { ...current, [stage]: span };
  if (row.kind === 'utilitiesOutage') return { ...policy, utilitiesOutage: spans };
  const byUrgency = policy.byType[row.type];
  if (!byUrgency) return policy;
  return { ...policy, byType: { ...policy.byType, [row.type]: { ...byUrgency, [row.urgency]: spans } } };
}

/** Every amount is a whole number of at least 1, as the server requires. */
export function isValidPolicy(policy: DeadlinePolicy): boolean {
  const spans: Span[] = [policy.complexResolve];
  for (const row of policyRows(policy)) {
    const stages = spansOf(policy, row);
    if (stages) spans.push(...STAGES.map((stage) => stages[stage]));
  }
  return spans.every((span) => Number.isInteger(span.amount) && span.amount >= 1);
}
