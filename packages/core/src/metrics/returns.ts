/**
 * Who arbitration found right (退单仲裁). Under 首接负责 a case returned a second time waits for a
 * supervisor, who sends it to the unit that must handle it (`arbitrated`, payload `leadUnitId`).
 * Every unit that returned the case since the previous arbitration (or since it was opened)
 * disputed it, so the arbitration rules on each of them: sent to another unit, the returning
 * unit was right to return it; sent back to it, it was wrong.
 */

export interface ReturnEvent {
  type: string;
  createdAt: string;
  payload: Readonly<Record<string, unknown>>;
}

export interface ArbitrationFinding {
  /** When the arbitration happened (its event's instant). */
  at: string;
  /** A unit whose return led to this arbitration. */
  unitId: string;
  /** true: arbitrated to another unit; false: sent back to this unit. */
  returningUnitRight: boolean;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** One case's events, oldest first → one finding per (arbitration, unit that returned before it). */
export function arbitrationFindings(events: readonly ReturnEvent[]): ArbitrationFinding[] {
  const findings: ArbitrationFinding[] = [];
  let returning: string[] = [];
  for (const e of events) {
    if (e.type === 'returned') {
      const unit = str(e.payload.returnedByUnitId);
      if (unit !== null && !returning.includes(unit)) returning.push(unit);
    } else if (e.type === 'arbitrated') {
      const lead = str(e.payload.leadUnitId);
      for (const unitId of returning) findings.push({ at: e.createdAt, unitId, returningUnitRight: lead !== unitId });
      returning = [];
    }
  }
  return findings;
}
