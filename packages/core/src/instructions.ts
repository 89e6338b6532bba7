import { statusCategory, type CaseStatus } from './case-status.js';

/**
 * When an official may give an instruction (批示) on a case (ADR 0027): while a unit is working
 * it or its reply awaits the citizen's verdict, since the instruction is an order to the lead
 * unit and needs someone to answer it. Before dispatch there is no unit to answer; on a closed,
 * merged or invalid case the official reopens nothing by writing — they ask the hotline to.
 */
export type InstructionRefusal = 'NO_LEAD_UNIT' | 'CASE_NOT_OPEN';

export function instructionRefusal(state: { status: CaseStatus; leadUnitId: string | null }): InstructionRefusal | null {
  const category = statusCategory(state.status);
  if (category !== 'with_department' && category !== 'follow_up') return category === 'intake' ? 'NO_LEAD_UNIT' : 'CASE_NOT_OPEN';
  if (state.leadUnitId === null) return 'NO_LEAD_UNIT';
  return null;
}

/** An instruction's and an answer's length: a paragraph, as on a paper 批示单. */
export const INSTRUCTION_TEXT_MAX = 1000;
