import type { AppContext } from '../../lib/app-context.js';
import { enforcePublicLimit } from '../limits/service.js';
import { openDataDictionary } from './dictionary.js';
import { openDataMonth, type OpenDataMonth } from './open-data.js';
import type { OpenDataDictionary, PublicStats } from '@openline/core';
import { publicStats } from './service.js';

/**
 * The public use cases, each counted against the address's limit before any work (ADR 0007):
 * the answers are cheap and cacheable, so the limit only stops one address scraping in a loop.
 */
export async function publicStatsFor(ctx: AppContext, o: { month?: string; ip: string }): Promise<PublicStats> {
  await enforcePublicLimit(ctx, { scope: 'publicDataPerAddress', key: o.ip });
  return publicStats(ctx, { month: o.month });
}

export async function publicOpenData(ctx: AppContext, o: { month?: string; ip: string }): Promise<OpenDataMonth> {
  await enforcePublicLimit(ctx, { scope: 'publicDataPerAddress', key: o.ip });
  return openDataMonth(ctx, { month: o.month });
}

export async function publicOpenDataDictionary(ctx: AppContext, o: { ip: string }): Promise<OpenDataDictionary> {
  await enforcePublicLimit(ctx, { scope: 'publicDataPerAddress', key: o.ip });
  return openDataDictionary();
}
