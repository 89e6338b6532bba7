/**
 * What waits for a supervisor (issue 12 §1): the answer of GET /api/v1/supervision/queues, one
 * shape for the server and the console, so a change on one side fails the other's typecheck.
 */
export interface SupervisorQueues {
  /** Extension requests no supervisor has ruled on. */
  extensions: number;
  /** Cases returned twice, waiting for a ruling (首接负责). */
  arbitrations: number;
  /** Cases with a deadline passed and still chased. */
  overdue: number;
  overdueByUnit: Array<{ unitId: string; unitName: string; cases: number }>;
  /** Supervision notices the addressed unit has not signed for. */
  noticesAwaitingReply: number;
  /** Supervision orders awaiting the unit's answer, and answered ones awaiting closing. */
  ordersAwaitingReply: number;
  ordersToClose: number;
}
