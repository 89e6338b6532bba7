import { cdrInstant, cdrOutcome, parseCdrCsv, type CallOutcome, type CdrImportReport, type CdrRow } from '@openline/core';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { protectCalls } from '../callbacks/protect-call.js';
import { findJurisdiction } from '../jurisdictions/repository.js';
import { insertCallIfNew, jurisdictionLines } from './call-repository.js';
import type { RecordedCallEvent } from './cti-service.js';
import { matchLine, sealParty } from './parties.js';

/** Which way a CDR went: to one of our lines (in), from one (out); neither is kept as inbound, unlinked. */
function orient(row: CdrRow, lines: ReadonlyArray<{ id: string; number: string }>) {
  const toLine = matchLine(lines, row.dst);
  if (toLine || !matchLine(lines, row.src)) return { direction: 'in' as const, lineId: toLine, lineNumber: row.dst, party: row.src };
  return { direction: 'out' as const, lineId: matchLine(lines, row.src), lineNumber: row.src, party: row.dst };
}

/**
 * How far back an imported call may still become a callback task. A PBX without webhooks exports
 * its records every few minutes, and its missed calls must be called back like the webhook's; a
 * file of last month's calls is history, and a task per old call would only be overdue at once.
 */
const CDR_CALLBACK_WINDOW_MS = 24 * 3_600_000;

/**
 * An imported call as the callback filing reads a webhook's: the whole call at once, as its
 * newCall (so a call offered after hours is filed, whoever answered it, ADR 0022) with its end
 * already known (so one missed in hours is filed too).
 */
function asEndedCall(c: {
  id: string; jurisdiction_id: string; external_id: string; direction: 'in' | 'out'; line_id: string | null; caller_bidx: string | null; caller_enc: string | null;
  offered_at: string; answered_at: string | null; ended_at: string; wait_seconds: number; talk_seconds: number; outcome: CallOutcome; answered_by: string | null; cause: string;
}): RecordedCallEvent {
  return {
    jurisdictionId: c.jurisdiction_id, callId: c.id, externalId: c.external_id, event: 'newCall', direction: c.direction, lineId: c.line_id,
    callerBidx: c.caller_bidx, callerEnc: c.caller_enc, at: c.offered_at, answeredByUserId: null, voicemailUrl: null, callIsNew: true,
    state: {
      offeredAt: c.offered_at, answeredAt: c.answered_at, endedAt: c.ended_at, outcome: c.outcome, waitSeconds: c.wait_seconds, talkSeconds: c.talk_seconds,
      cause: c.cause, answeredBy: c.answered_by, lateAnswer: false,
    },
  };
}

/**
 * An Asterisk cdr_csv Master.csv (issue 10 §3): every row becomes a call record of source
 * `cdr`, keyed by its uniqueid, so importing the same file (or an overlapping one) again adds
 * nothing; rows the parser cannot trust are reported with their line and reason. PBX times are
 * read in the jurisdiction's zone. One transaction and one audit entry per file.
 */
export async function importCdrCsv(ctx: AppContext, o: { user: SessionUser; ip: string; csv: string }): Promise<CdrImportReport> {
  assertRole(o.user, ['admin']);
  const jurisdictionId = o.user.jurisdictionId;
  const jurisdiction = await findJurisdiction(ctx.db, jurisdictionId);
  const timeZone = jurisdiction?.timezone ?? 'Asia/Shanghai';
  const { rows, rejected } = parseCdrCsv(o.csv);
  const lines = await jurisdictionLines(ctx.db, jurisdictionId);
  let imported = 0;
  await inTransaction(ctx, async (tx) => {
    const { db } = tx;
    const at = nowIso();
    const fileable: RecordedCallEvent[] = [];
    const recentSince = nowIso(new Date(Date.now() - CDR_CALLBACK_WINDOW_MS));
    for (const row of rows) {
      const side = orient(row, lines);
      const sealed = sealParty(side.party, ctx.pii);
      const answeredAt = row.answer ? cdrInstant(row.answer, timeZone) : null;
      const outcome = cdrOutcome(row);
      const call = {
        id: newId(), jurisdiction_id: jurisdictionId, source: 'cdr', external_id: row.uniqueid, cti_token_id: null, direction: side.direction,
        line_id: side.lineId, line_number: side.lineNumber, caller_enc: sealed?.enc ?? null, caller_bidx: sealed?.bidx ?? null, queue: null,
        offered_at: cdrInstant(row.start, timeZone), answered_at: answeredAt, ended_at: cdrInstant(row.end, timeZone),
        wait_seconds: answeredAt ? row.duration - row.billsec : row.duration, talk_seconds: row.billsec, outcome, late_answer: 0,
        answered_by_user_id: null, answered_by: answeredAt ? row.dstchannel || null : null, cause: row.disposition,
        case_id: null, contact_id: null, created_at: at, updated_at: at,
      } as const;
      if (!(await insertCallIfNew(db, call))) continue;
      imported++;
      if (call.offered_at >= recentSince) fileable.push(asEndedCall(call));
    }
    // A PBX without webhooks reports its missed calls through these files: the recent ones are
    // filed as callbacks exactly as the webhook's are (issue 10 §5), in this transaction.
    await protectCalls(tx, { recorded: fileable, offers: [] });
    await appendAudit(db, {
      jurisdictionId, actorUserId: o.user.id, action: 'call_records.import', targetType: 'call_records', targetId: jurisdictionId, ip: o.ip,
      detail: { format: 'cdr_csv', imported, duplicates: rows.length - imported, rejected: rejected.length },
    });
  });
  return { imported, duplicates: rows.length - imported, rejected };
}
