import { compileUrgencyLexicon, defaultUrgencyLexicon, urgencyLexiconSchema, type CompiledUrgencyLexicon, type UrgencyLexicon } from '@openline/core';
import { AppError } from '../../errors.js';
import { assertRole } from '../../lib/access.js';
import type { AppContext } from '../../lib/app-context.js';
import { nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import type { SessionUser } from '../auth/service.js';
import { readSetting, URGENCY_LEXICON, writeSetting } from './repository.js';


/** Compiled lexicons by jurisdiction and save time: compiling takes milliseconds, matching microseconds. */
const compiled = new Map<string, { updatedAt: string; lexicon: CompiledUrgencyLexicon }>();

/** The jurisdiction's lexicon for detection; the built-in one until an admin saves their own. */
export async function urgencyLexiconFor(ctx: AppContext, jurisdictionId: string): Promise<CompiledUrgencyLexicon | undefined> {
  return compiledLexicon(jurisdictionId, await readSetting(ctx.db, URGENCY_LEXICON, jurisdictionId));
}

/** The lexicon a stored setting row holds (read by the caller, e.g. with its batch's other reads), compiled once per save. */
export function compiledLexicon(jurisdictionId: string, stored: { value: string; updatedAt: string } | undefined): CompiledUrgencyLexicon | undefined {
  if (!stored) return undefined;
  const cached = compiled.get(jurisdictionId);
  if (cached?.updatedAt === stored.updatedAt) return cached.lexicon;
  const lexicon = compileUrgencyLexicon(urgencyLexiconSchema.parse(JSON.parse(stored.value)));
  compiled.set(jurisdictionId, { updatedAt: stored.updatedAt, lexicon });
  return lexicon;
}

export async function getUrgencyLexicon(ctx: AppContext, options: { user: SessionUser }): Promise<{ lexicon: UrgencyLexicon; isDefault: boolean }> {
  assertRole(options.user, ['admin']);
  const stored = await readSetting(ctx.db, URGENCY_LEXICON, options.user.jurisdictionId);
  return stored
    ? { lexicon: urgencyLexiconSchema.parse(JSON.parse(stored.value)), isDefault: false }
    : { lexicon: defaultUrgencyLexicon(), isDefault: true };
}

/** An admin's edit is validated by compiling it before it is stored; audited. */
export async function setUrgencyLexicon(
  ctx: AppContext,
  options: { user: SessionUser; ip: string; lexicon: unknown },
): Promise<{ lexicon: UrgencyLexicon; isDefault: boolean }> {
  assertRole(options.user, ['admin']);
  const parsed = urgencyLexiconSchema.safeParse(options.lexicon);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'The lexicon is not valid', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  compileUrgencyLexicon(parsed.data);
  await inTransaction(ctx, async ({ db }) => {
    await writeSetting(db, URGENCY_LEXICON, options.user.jurisdictionId, JSON.stringify(parsed.data), nowIso());
    await appendAudit(db, {
      jurisdictionId: options.user.jurisdictionId, actorUserId: options.user.id, action: 'settings.urgency_lexicon', ip: options.ip,
      detail: { categories: parsed.data.categories.length },
    });
  });
  return { lexicon: parsed.data, isDefault: false };
}
