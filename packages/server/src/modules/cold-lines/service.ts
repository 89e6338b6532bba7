import { DEFAULT_MIN_OFFERED, GBT_33358_THRESHOLDS, localDate, minOfferedOf, monthOf, type ColdLineSetting, type ColdLineThresholds, type PublicAnswerRates } from '@openline/core';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { findDefaultJurisdiction } from '../jurisdictions/repository.js';
import { enforcePublicLimit } from '../limits/service.js';
import { currentFigures, type CurrentFigures } from './current.js';
import { sumDays } from './days-repository.js';
import { openEpisodes } from './episodes-repository.js';
import { periodFigures } from './figures.js';
import { findLines, type MonitoredLine } from './lines-repository.js';
import { servedFigures, storeSnapshots } from './snapshots.js';
import { clearThresholds, saveThresholds, thresholdsFor } from './thresholds-repository.js';

function presentCurrent(f: CurrentFigures | undefined, coldSince: string | null) {
  if (!f) return null;
  const d = f.detail;
  return {
    offered: d.offered, pickedUp: d.pickedUp, calledBack: d.calledBack, answered: d.answered, missed: d.missed,
    answerRate: d.answerRate, answeredWithin15sRate: d.answeredWithin15sRate, promptRate: d.promptRate, cold: d.cold,
    judged: d.judged, coldSince, computedAt: f.computedAt,
  };
}

const thresholdsOf = (f: CurrentFigures | undefined): ColdLineThresholds & { minOffered: number; custom: boolean } =>
  f
    ? { answerRate: f.thresholds.answerRate, promptSeconds: f.thresholds.promptSeconds, promptRate: f.thresholds.promptRate, minOffered: minOfferedOf(f.thresholds), custom: f.thresholds.custom }
    : { ...GBT_33358_THRESHOLDS, minOffered: DEFAULT_MIN_OFFERED, custom: false };

/**
 * Lines with their 24 h: computed now for admins (a few requests, and a threshold just saved must
 * show at once), from the worker's snapshot for the public (ADR 0041).
 */
async function overview(ctx: AppContext, jurisdictionId: string, lines: MonitoredLine[], now: Date, o: { served?: boolean } = {}) {
  const figures = o.served ? await servedFigures(ctx.db, jurisdictionId, lines, now) : await currentFigures(ctx.db, jurisdictionId, lines, now);
  const episodes = await openEpisodes(ctx.db, lines.map((l) => l.id));
  return lines.map((l) => {
    const f = figures.get(l.id);
    return {
      lineId: l.id, number: l.number, name: l.name, mode: l.mode, isPublic: l.isPublic, ownerTitle: l.ownerTitle, ownerName: l.ownerName,
      thresholds: thresholdsOf(f), current: presentCurrent(f, episodes.get(l.id)?.startedAt ?? null),
    };
  });
}

/** Every line with its thresholds and its 24 h as the monitor sees it (admin; tip lines too). */
export async function listColdLineSettings(ctx: AppContext, o: { user: SessionUser; lineId?: string; now?: Date }): Promise<ColdLineSetting[]> {
  assertRole(o.user, ['admin']);
  const lines = await findLines(ctx.db, { jurisdictionId: o.user.jurisdictionId, ...(o.lineId !== undefined && { lineId: o.lineId }) });
  return overview(ctx, o.user.jurisdictionId, lines, o.now ?? new Date());
}

/**
 * Sets a line's own thresholds, or with null returns it to the GB/T 33358-2016 defaults
 * (admin; audited with before and after). The next worker pass judges the line by them.
 */
export async function setLineThresholds(ctx: AppContext, o: { user: SessionUser; ip: string; lineId: string; thresholds: ColdLineThresholds | null }): Promise<ColdLineSetting> {
  assertRole(o.user, ['admin']);
  const [line] = await findLines(ctx.db, { jurisdictionId: o.user.jurisdictionId, lineId: o.lineId });
  if (!line) throw new AppError('NOT_FOUND', 'No such line');
  const before = (await thresholdsFor(ctx.db, [line.id])).get(line.id);
  await inTransaction(ctx, async (tx) => {
    if (o.thresholds) await saveThresholds(tx.db, { lineId: line.id, thresholds: o.thresholds, userId: o.user.id, at: nowIso() });
    else await clearThresholds(tx.db, line.id);
    await appendAudit(tx.db, {
      jurisdictionId: o.user.jurisdictionId, actorUserId: o.user.id, action: 'line.cold_thresholds', targetType: 'line', targetId: line.id, ip: o.ip,
      detail: { before, after: o.thresholds ?? 'default' },
    });
  });
  const now = new Date();
  const [item] = await overview(ctx, line.jurisdictionId, [line], now);
  if (!item) throw new AppError('NOT_FOUND', 'No such line');
  // The public pages judge by the new thresholds from now on, not from the next worker pass.
  await storeSnapshots(ctx.db, line.jurisdictionId, await currentFigures(ctx.db, line.jurisdictionId, [line], now), now);
  return item;
}

/**
 * The public page of answer rates (no login; issue 10 §4): every published line with its rolling
 * 24 h and its month so far, for the platform's first jurisdiction as the directory. Tip lines
 * are listed with null figures (ADR 0006). Counted against the address's public-data limit.
 */
export async function publicAnswerRates(ctx: AppContext, o: { ip: string; now?: Date }): Promise<PublicAnswerRates> {
  await enforcePublicLimit(ctx, { scope: 'publicDataPerAddress', key: o.ip });
  const now = o.now ?? new Date();
  const jurisdiction = await findDefaultJurisdiction(ctx.db);
  if (!jurisdiction) return { month: monthOf(localDate(now, 'Asia/Shanghai')), items: [] };
  const today = localDate(now, jurisdiction.timezone);
  const month = monthOf(today);
  const lines = await findLines(ctx.db, { jurisdictionId: jurisdiction.id, publicOnly: true });
  const counted = lines.filter((l) => l.mode !== 'tip');
  const current = await overview(ctx, jurisdiction.id, counted, now, { served: true });
  const rows = await sumDays(ctx.db, { jurisdictionId: jurisdiction.id, lineIds: counted.map((l) => l.id), from: `${month}-01`, to: today });
  const currentOf = new Map(current.map((c) => [c.lineId, c]));
  return {
    month,
    items: lines.map((l) => {
      const c = currentOf.get(l.id);
      const days = rows.filter((r) => r.lineId === l.id);
      return {
        id: l.id, number: l.number, name: l.name, mode: l.mode, ownerTitle: l.ownerTitle, ownerName: l.ownerName,
        thresholds: c ? { answerRate: c.thresholds.answerRate, promptSeconds: c.thresholds.promptSeconds, promptRate: c.thresholds.promptRate, minOffered: c.thresholds.minOffered } : null,
        current: c?.current ?? null,
        month: c ? periodFigures(days.reduce((acc, r) => ({ offered: acc.offered + r.offered, pickedUp: acc.pickedUp + r.pickedUp, within15s: acc.within15s + r.within15s, calledBack: acc.calledBack + r.calledBack }), { offered: 0, pickedUp: 0, within15s: 0, calledBack: 0 })) : null,
      };
    }),
  };
}
