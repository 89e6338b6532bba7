import { answerRate, PROMPT_ANSWER_SECONDS } from '@openline/core';
import { z } from 'zod';
import type { AppContext } from '../../lib/app-context.js';
import { lineCallTallies } from './answer-repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;

const rate = z.number().min(0).max(1).nullable();
export const lineCallsSchema = z
  .object({
    offered: z.number().int().describe('inbound calls that ended in the last 24 h'),
    answered: z.number().int(),
    missed: z.number().int().describe('offered and not answered (missed, abandoned, busy, voicemail, rejected)'),
    answerRate: rate.describe('接通率 answered / offered; null when nothing was offered'),
    answeredWithin15sRate: rate.describe('answered within 15 s / offered; null when nothing was offered'),
    cold: z.boolean().describe('冷线: answer rate below 95 % or answered-within-15-s rate below 95 % (GB/T 33358-2016)'),
  })
  .nullable()
  .describe('calls over the last 24 h (rolling); null for a tip line');
export type LineCalls = z.infer<typeof lineCallsSchema>;

/**
 * Each line's calls over the rolling 24 h before `now` (issue 10 §4). A tip line gets null, as
 * its monthly figures do: how many people rang it is itself sensitive (ADR 0006).
 */
export async function recentLineCalls(ctx: AppContext, lines: ReadonlyArray<{ id: string; mode: string }>, now: Date = new Date()): Promise<Map<string, LineCalls>> {
  const counted = lines.filter((l) => l.mode !== 'tip');
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  const tallies = await lineCallTallies(ctx.db, { lineIds: counted.map((l) => l.id), since, promptSeconds: PROMPT_ANSWER_SECONDS });
  return new Map(
    lines.map((l) => [l.id, l.mode === 'tip' ? null : answerRate(tallies.get(l.id) ?? { offered: 0, answered: 0, answeredWithin15s: 0 })]),
  );
}
