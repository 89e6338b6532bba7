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
