import { coldEpisodeStep, minOfferedOf, type AnswerRateDetail, type ColdLineThresholds, type NoticeFacts } from '@openline/core';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction, type TxContext } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import { enqueueNotice } from '../outbox/notice.js';
import { currentFigures } from './current.js';
import { closeEpisode, insertEpisodeIfNone, openEpisodes } from './episodes-repository.js';
import { storeSnapshots } from './snapshots.js';
import { findJurisdictions, findLines, supervisorsOver, type MonitoredLine } from './lines-repository.js';

export interface MonitorResult {
  opened: number;
  closed: number;
}

/** The figures kept with an episode and sent in its alert. */
function snapshot(d: AnswerRateDetail, t: ColdLineThresholds) {
  return {
    offered: d.offered, pickedUp: d.pickedUp, calledBack: d.calledBack, missed: d.missed, answerRate: d.answerRate,
    answeredWithin15sRate: d.answeredWithin15sRate, promptRate: d.promptRate,
    thresholds: { answerRate: t.answerRate, promptSeconds: t.promptSeconds, promptRate: t.promptRate, minOffered: minOfferedOf(t) },
  };
}

/**
 * The cold-line monitor (issue 10 §4), run by the worker every pass: each line's rolling 24 h
 * against its thresholds; a line that turns cold opens an episode — an alert to its owner and
 * their supervisors through the outbox and an audit entry, in one transaction with the episode,
 * so it fires exactly once per episode however many workers run (the partial unique index picks
 * one) — and the episode ends when the line is measured above its thresholds again. Tip lines are
 * watched too: their figures never leave the building, and an unanswered tip line is the worst kind.
 */
export async function evaluateColdLines(ctx: AppContext, o: { now?: Date } = {}): Promise<MonitorResult> {
  const now = o.now ?? new Date();
  const result: MonitorResult = { opened: 0, closed: 0 };
  for (const j of await findJurisdictions(ctx.db)) {
    const all = await findLines(ctx.db, { jurisdictionId: j.id });
    if (all.length === 0) continue;
    // Every line's 24 h once per pass: judged here, and kept for the public pages (ADR 0041).
    const figures = await currentFigures(ctx.db, j.id, all, now);
    await storeSnapshots(ctx.db, j.id, figures, now);
    const lines = all.filter((l) => l.mode !== 'sms_only');
    const open = await openEpisodes(ctx.db, lines.map((l) => l.id));
    for (const line of lines) {
      const f = figures.get(line.id);
      if (!f) continue;
      const episode = open.get(line.id);
      const step = coldEpisodeStep(episode !== undefined, f.detail);
      const figuresJson = JSON.stringify(snapshot(f.detail, f.thresholds));
      if (step === 'open') {
        const opened = await inTransaction(ctx, (tx) => openEpisode(tx, { line, detail: f.detail, thresholds: f.thresholds, figuresJson, at: nowIso(now), jurisdictionName: j.name }));
        if (opened) result.opened++;
      } else if (step === 'close' && episode) {
        const closed = await inTransaction(ctx, async (tx) => {
          if (!(await closeEpisode(tx.db, { id: episode.id, at: nowIso(now), figures: figuresJson }))) return false;
          await appendAudit(tx.db, { jurisdictionId: line.jurisdictionId, actorUserId: null, action: 'line.cold_ended', targetType: 'line', targetId: line.id, detail: { episodeId: episode.id, startedAt: episode.startedAt, ...snapshot(f.detail, f.thresholds) } });
          return true;
        });
        if (closed) result.closed++;
      }
    }
  }
  return result;
}

async function openEpisode(
  tx: TxContext,
  o: { line: MonitoredLine; detail: AnswerRateDetail; thresholds: ColdLineThresholds; figuresJson: string; at: string; jurisdictionName: string },
): Promise<boolean> {
  const { line, detail: d, thresholds: t } = o;
  const id = newId();
  if (!(await insertEpisodeIfNone(tx.db, { id, jurisdictionId: line.jurisdictionId, lineId: line.id, at: o.at, figures: o.figuresJson }))) return false;
  await appendAudit(tx.db, { jurisdictionId: line.jurisdictionId, actorUserId: null, action: 'line.cold_started', targetType: 'line', targetId: line.id, detail: { episodeId: id, ...JSON.parse(o.figuresJson) } });
  // What the alert says, in the outbox and in the bell alike: the figures that opened the episode.
  const facts: NoticeFacts = {
    kind: 'cold_line_alert', lineId: line.id, lineName: line.name, lineNumber: line.number,
    offered: d.offered, answered: d.answered, calledBack: d.calledBack, missed: d.missed, answerRate: d.answerRate, promptRate: d.promptRate,
    thresholds: { answerRate: t.answerRate, promptSeconds: t.promptSeconds, promptRate: t.promptRate },
  };
  // The owner, and the supervisors over the owner's unit (nearest level); with no owner or no
  // such supervisor, the jurisdiction's supervisors, so an alert always has someone to read it.
  const supervisors = line.ownerUnitPath ? await supervisorsOver(tx.db, line.jurisdictionId, line.ownerUnitPath) : [];
  const recipients = [
    ...(line.ownerUserId ? [line.ownerUserId] : []),
    ...(supervisors.length > 0 ? supervisors : [`role:supervisor:${line.jurisdictionId}`]),
  ];
  for (const recipient of new Set(recipients)) {
    await enqueueNotice(tx.db, tx.pii, { jurisdictionId: line.jurisdictionId, recipient, facts });
  }
  return true;
}
