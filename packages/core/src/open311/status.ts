import { isOpenStatus, type CaseStatus } from '../case-status.js';

/** GeoReport v2 knows two statuses; a case is open until it is closed or set aside. */
export type Open311Status = 'open' | 'closed';

/**
 * The Open311 status of a case. A merged case is answered through its parent (the caller passes
 * the parent's status), so it reads open while the parent is worked on; an invalid one is closed.
 * "Replied" is still open: the citizen has not yet been asked whether it was solved.
 */
export function open311Status(status: CaseStatus): Open311Status {
  return isOpenStatus(status) ? 'open' : 'closed';
}

/**
 * `status_notes`: a fixed phrase per status, never the case's reply text. GET requests is public
 * (anyone may read it), and a department's reply addresses the citizen by name; a phrase chosen
 * from the status says where the request stands without carrying anyone's words.
 */
const NOTES: Record<CaseStatus, string> = {
  received: '已受理，等待分拨。',
  triaged: '已受理，等待分拨。',
  returned: '正在重新确定承办单位。',
  dispatched: '已派发承办单位。',
  accepted: '承办单位已签收，正在办理。',
  in_progress: '承办单位正在办理。',
  replied: '承办单位已答复，等待回访。',
  visited: '已回访。',
  closed: '已办结。',
  merged: '与同一事项合并办理。',
  invalid: '经核实不予受理，已关闭。',
};

export function open311StatusNotes(status: CaseStatus): string {
  return NOTES[status];
}
