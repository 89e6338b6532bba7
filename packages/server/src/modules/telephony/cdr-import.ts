import { cdrInstant, cdrOutcome, parseCdrCsv, type CdrImportReport, type CdrRow } from '@openline/core';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { findJurisdiction } from '../jurisdictions/repository.js';
import { insertCallIfNew, jurisdictionLines } from './call-repository.js';
import { matchLine, sealParty } from './parties.js';

/** Which way a CDR went: to one of our lines (in), from one (out); neither is kept as inbound, unlinked. */
function orient(row: CdrRow, lines: ReadonlyArray<{ id: string; number: string }>) {
  const toLine = matchLine(lines, row.dst);
  if (toLine || !matchLine(lines, row.src)) return { direction: 'in' as const, lineId: toLine, lineNumber: row.dst, party: row.src };
  return { direction: 'out' as const, lineId: matchLine(lines, row.src), lineNumber: row.src, party: row.dst };
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
  await inTransaction(ctx, async ({ db }) => {
    const at = nowIso();
    for (const row of rows) {
      const side = orient(row, lines);
      const sealed = sealParty(side.party, ctx.pii);
      const answeredAt = row.answer ? cdrInstant(row.answer, timeZone) : null;
      const outcome = cdrOutcome(row);
      const fresh = await insertCallIfNew(db, {
        id: newId(), jurisdiction_id: jurisdictionId, source: 'cdr', external_id: row.uniqueid, cti_token_id: null, direction: side.direction,
        line_id: side.lineId, line_number: side.lineNumber, caller_enc: sealed?.enc ?? null, caller_bidx: sealed?.bidx ?? null, queue: null,
        offered_at: cdrInstant(row.start, timeZone), answered_at: answeredAt, ended_at: cdrInstant(row.end, timeZone),
        wait_seconds: answeredAt ? row.duration - row.billsec : row.duration, talk_seconds: row.billsec, outcome, late_answer: 0,
        answered_by_user_id: null, answered_by: answeredAt ? row.dstchannel || null : null, cause: row.disposition,
        case_id: null, contact_id: null, created_at: at, updated_at: at,
      });
      if (fresh) imported++;
    }
    await appendAudit(db, {
      jurisdictionId, actorUserId: o.user.id, action: 'call_records.import', targetType: 'call_records', targetId: jurisdictionId, ip: o.ip,
      detail: { format: 'cdr_csv', imported, duplicates: rows.length - imported, rejected: rejected.length },
    });
  });
  return { imported, duplicates: rows.length - imported, rejected };
}
