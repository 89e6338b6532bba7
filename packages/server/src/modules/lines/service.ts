import type { AppContext } from '../../lib/app-context.js';
import { findDefaultJurisdiction } from '../jurisdictions/repository.js';
import { presentPublicLine, type PublicLine } from './presenter.js';
import { listPublicLines } from './repository.js';

/** The public directory: who, which number, how it is answered, when (DESIGN §1). */
export async function listPublicDirectory(ctx: AppContext): Promise<PublicLine[]> {
  const jurisdiction = await findDefaultJurisdiction(ctx.db);
  if (!jurisdiction) return [];
  const lines = await listPublicLines(ctx.db, jurisdiction.id);
  return lines.map(presentPublicLine);
}
