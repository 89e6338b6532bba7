import { DEFAULT_MIN_OFFERED, GBT_33358_THRESHOLDS, type ColdLineThresholds } from '@openline/core';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

const BP = 10_000;

export interface StoredThresholds extends ColdLineThresholds {
  /** Always set when read: the line's own, else DEFAULT_MIN_OFFERED (ADR 0041). */
  minOffered: number;
  /** False when the line keeps the GB/T 33358-2016 defaults (no row). */
  custom: boolean;
}

/** The limits of each line asked for; lines without a row keep the defaults. */
export async function thresholdsFor(db: Kysely<DB>, lineIds: readonly string[]): Promise<Map<string, StoredThresholds>> {
  const rows = lineIds.length === 0 ? [] : await db.selectFrom('line_call_thresholds').selectAll().where('line_id', 'in', [...lineIds]).execute();
  const byLine = new Map(rows.map((r) => [r.line_id, r]));
  return new Map(
    lineIds.map((id) => {
      const r = byLine.get(id);
      return [
        id,
        r
          ? { answerRate: r.answer_rate_bp / BP, promptSeconds: r.prompt_seconds, promptRate: r.prompt_rate_bp / BP, minOffered: r.min_offered ?? DEFAULT_MIN_OFFERED, custom: true }
          : { ...GBT_33358_THRESHOLDS, minOffered: DEFAULT_MIN_OFFERED, custom: false },
      ];
    }),
  );
}

export async function saveThresholds(db: Kysely<DB>, o: { lineId: string; thresholds: ColdLineThresholds; userId: string; at: string }): Promise<void> {
  const values = {
    answer_rate_bp: Math.round(o.thresholds.answerRate * BP),
    prompt_seconds: o.thresholds.promptSeconds,
    prompt_rate_bp: Math.round(o.thresholds.promptRate * BP),
    min_offered: o.thresholds.minOffered ?? null,
    updated_by: o.userId,
    updated_at: o.at,
  };
  await db.insertInto('line_call_thresholds').values({ line_id: o.lineId, ...values }).onConflict((oc) => oc.column('line_id').doUpdateSet(values)).execute();
}

export async function clearThresholds(db: Kysely<DB>, lineId: string): Promise<void> {
  await db.deleteFrom('line_call_thresholds').where('line_id', '=', lineId).execute();
}
