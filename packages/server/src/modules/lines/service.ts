import type { AppContext } from '../../lib/app-context.js';
import { findDefaultJurisdiction } from '../jurisdictions/repository.js';
import { directoryFigures } from '../transparency/service.js';
import { recentLineCalls } from '../telephony/answer-rate.js';
import type { PublicLine } from '@openline/core';
import { presentPublicLine } from './presenter.js';
import { listPublicLines } from './repository.js';

/** The public directory: who, which number, how it is answered, when (DESIGN §1). */
export async function listPublicDirectory(ctx: AppContext): Promise<PublicLine[]> {
  const jurisdiction = await findDefaultJurisdiction(ctx.db);
  if (!jurisdiction) return [];
  const lines = await listPublicLines(ctx.db, jurisdiction.id);
  // Each official's line shows how it is answered next to its number (issue 9 §5).
  const figures = await directoryFigures(ctx, jurisdiction, lines);
  // …and how reachable it was over the last 24 h: 接通率 and the cold-line mark (issue 10 §4).
  const calls = await recentLineCalls(ctx, jurisdiction.id, lines);
  return lines.map((l) => presentPublicLine(l, figures.get(l.id) ?? null, calls.get(l.id) ?? null));
}
