import { z } from 'zod';

/** A local day in a figures query; the answers' shapes are core's (api/figures.ts, ADR 0042). */
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
