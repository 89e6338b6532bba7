import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { existingUnitOfWorkState, unitOfWorkState } from '../../lib/unit-of-work.js';
import type { OrderedRow } from '../intake-check/repository.js';

/** A case opened in this unit of work, as the duplicate look-ups would read it back. */
export interface OpenedHere {
  jurisdictionId: string;
  /** Its row as a look-up returns it; `at` is its creation (its place rows are written at the same time). */
  row: OrderedRow;
  /** The keys of its place rows (none for a merged case: ADR 0050). */
  placeKeys: readonly string[];
}

const OPENED_HERE = 'cases:opened_here';
type Db = Kysely<DB> | Transaction<DB>;

/**
 * From now on, the cases this unit of work opens are listed in the array returned (the same array
 * for every call in one unit of work): a drainer batch that read its appeals' candidates at once
 * adds the cases its earlier appeals opened to its later appeals' candidates (ADR 0080). undefined
 * outside a unit of work.
 */
export function listCasesOpenedHere(db: Db): OpenedHere[] | undefined {
  return unitOfWorkState(db, OPENED_HERE, (): OpenedHere[] => []);
}

/** openCase: a case was opened, for whoever listens in this unit of work (nobody: nothing kept). */
export function noteCaseOpenedHere(db: Db, opened: OpenedHere): void {
  existingUnitOfWorkState<OpenedHere[]>(db, OPENED_HERE)?.push(opened);
}
