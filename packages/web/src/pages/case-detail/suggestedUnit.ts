/** The unit chosen from the intake suggestions, handed over in the navigation state by 新建工单. */
export interface SuggestedUnitHint {
  unitId: string;
  unitName: string;
}

export function suggestedUnitOf(state: unknown): SuggestedUnitHint | null {
  if (typeof state !== 'object' || state === null || !('suggestedUnit' in state)) return null;
  const unit: unknown = state.suggestedUnit;
  if (typeof unit !== 'object' || unit === null || !('unitId' in unit) || !('unitName' in unit)) return null;
  return typeof unit.unitId === 'string' && typeof unit.unitName === 'string' ? { unitId: unit.unitId, unitName: unit.unitName } : null;
}

/** What the case itself says about its unit: the one an SMS petition named (ADR 0044). */
export interface CaseUnitSuggestion {
  unitId: string;
  unitName: string;
  source: 'petition';
  matched: string | null;
}

/** The hint shown above the actions, and the unit the dispatch form starts with. */
export type DispatchHint = { kind: 'intake'; unitId: string; unitName: string } | { kind: 'petition'; unitId: string; unitName: string; matched: string | null };

/**
 * The operator's own choice at intake comes first (they read the appeal); else the unit the
 * petition named, which the parser or the petitioner may have got wrong: it only pre-fills.
 */
export function dispatchHintOf(handedOver: SuggestedUnitHint | null, fromCase: CaseUnitSuggestion | null | undefined): DispatchHint | null {
  if (handedOver) return { kind: 'intake', ...handedOver };
  return fromCase ? { kind: 'petition', unitId: fromCase.unitId, unitName: fromCase.unitName, matched: fromCase.matched } : null;
}
