import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError, type ErrorDetail } from '../errors.js';

/** The tables a request may name a row of; every one belongs to a jurisdiction. */
const TABLES = {
  unit: 'org_units',
  user: 'users',
  line: 'lines',
  article: 'kb_articles',
  case: 'cases',
  category: 'case_categories',
} as const;
export type ReferenceKind = keyof typeof TABLES;

/** One id a request names: what it should be, and the field it came in (for the error). */
export interface Reference {
  kind: ReferenceKind;
  /** The request field, e.g. `ownerUserId`, `coUnitIds.1`, `rules.3.unitId`. */
  path: string;
  /** Absent or null: the field was not given, nothing to check. */
  id: string | null | undefined;
}

/**
 * The one refusal for an id that does not name a row of the caller's jurisdiction. "Unknown"
 * and "another jurisdiction's" get the same answer, so probing ids learns nothing.
 */
export function referenceNotFound(missing: ReadonlyArray<Pick<Reference, 'kind' | 'path'>>): AppError {
  const details: ErrorDetail[] = missing.map((m) => ({ path: m.path, message: `unknown ${m.kind}` }));
  return new AppError('REFERENCE_NOT_FOUND', 'The request names a record that does not exist here', details);
}

/**
 * Every id a request names must exist and belong to the caller's jurisdiction, checked before
 * anything is written: a foreign key only proves the row exists somewhere (and answers 500 when
 * it does not). One query per kind, whatever the number of ids; all missing fields are reported.
 */
export async function assertReferences(db: Kysely<DB>, jurisdictionId: string, references: readonly Reference[]): Promise<void> {
  const wanted = references.filter((r): r is Reference & { id: string } => typeof r.id === 'string');
  if (wanted.length === 0) return;
  const kinds = [...new Set(wanted.map((r) => r.kind))];
  const found = new Set<string>();
  await Promise.all(
    kinds.map(async (kind) => {
      const ids = [...new Set(wanted.filter((r) => r.kind === kind).map((r) => r.id))];
      const rows = await db
        .selectFrom(TABLES[kind])
        .select('id')
        .where('jurisdiction_id', '=', jurisdictionId)
        .where('id', 'in', ids)
        .execute();
      for (const row of rows) found.add(`${kind}:${row.id}`);
    }),
  );
  const missing = wanted.filter((r) => !found.has(`${r.kind}:${r.id}`));
  if (missing.length > 0) throw referenceNotFound(missing);
}

/** References for each id of a list field: `coUnitIds.0`, `coUnitIds.1`, … */
export function eachReference(kind: ReferenceKind, path: string, ids: readonly string[] | null | undefined): Reference[] {
  return (ids ?? []).map((id, i) => ({ kind, path: `${path}.${i}`, id }));
}
