import { UNIT_SUGGESTION_SOURCES, type UnitSuggestionSource } from '@openline/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export { UNIT_SUGGESTION_SOURCES, type UnitSuggestionSource };

/** A unit the case's own words named, already checked to be the jurisdiction's. */
export interface UnitSuggestionInput {
  unitId: string;
  source: UnitSuggestionSource;
  /** The words that named it (a unit's name or alias), so the operator sees why. */
  matched: string | null;
}

export async function insertUnitSuggestion(db: Db, row: { caseId: string; jurisdictionId: string; at: string } & UnitSuggestionInput): Promise<void> {
  await db
    .insertInto('case_unit_suggestions')
    .values({ case_id: row.caseId, jurisdiction_id: row.jurisdictionId, unit_id: row.unitId, source: row.source, matched: row.matched, created_at: row.at })
    .execute();
}

/** The case's suggestion with the unit's current name (an office, never personal data). */
export async function findUnitSuggestion(db: Db, caseId: string): Promise<{ unitId: string; unitName: string; source: UnitSuggestionSource; matched: string | null } | null> {
  const row = await db
    .selectFrom('case_unit_suggestions')
    .innerJoin('org_units', 'org_units.id', 'case_unit_suggestions.unit_id')
    .select(['case_unit_suggestions.unit_id as unitId', 'org_units.name as unitName', 'case_unit_suggestions.source as source', 'case_unit_suggestions.matched as matched'])
    .where('case_unit_suggestions.case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) return null;
  const source = UNIT_SUGGESTION_SOURCES.find((s) => s === row.source);
  return source ? { ...row, source } : null;
}
