import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { seedDefaultCategories } from '../modules/categories/seed.js';
import { createJurisdiction, createOrgUnit } from '../modules/org/service.js';

/**
 * Creates a jurisdiction and the root of its org tree, where its first administrator sits.
 * The one place create-admin makes a jurisdiction: when the jurisdictions module gains its own
 * use case for this, swap it in here.
 */
export async function createFirstJurisdiction(
  trx: Transaction<DB>,
  input: { code: string; name: string; timezone: string; rootUnitName: string },
): Promise<{ id: string; code: string; name: string; rootUnitId: string }> {
  const jurisdiction = await createJurisdiction(trx, { code: input.code, name: input.name, timezone: input.timezone });
  const root = await createOrgUnit(trx, { jurisdictionId: jurisdiction.id, parentId: null, name: input.rootUnitName, kind: 'city' });
  await seedDefaultCategories(trx, jurisdiction.id);
  return { id: jurisdiction.id, code: jurisdiction.code, name: jurisdiction.name, rootUnitId: root.id };
}
