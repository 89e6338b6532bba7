import { petitionFieldSchema, petitionProblemSchema, type ParsedPetition, type PetitionField, type PetitionUnitCandidate } from '@openline/core';
import { z } from 'zod';
import type { PiiCipher } from '../../crypto/pii.js';
import type { Db } from './db.js';
import { parseAliases } from '../org/units.js';
import { listUnitNames } from '../org/repository.js';
import type { PendingPetitionRow } from './repository.js';

export type PetitionProblem = ParsedPetition['invalid'][number];

/** The jurisdiction's units and their short names, as the parser matches them (a few dozen rows). */
export async function unitCandidates(db: Db, jurisdictionId: string): Promise<PetitionUnitCandidate[]> {
  const rows = await listUnitNames(db, jurisdictionId);
  return rows.map((r) => ({ id: r.id, name: r.name, aliases: parseAliases(r.aliases) }));
}

/** A stored petition as the parser's value again, so a follow-up can be merged into it. */
export function storedParse(pii: PiiCipher, row: PendingPetitionRow): ParsedPetition {
  const open = (sealed: string | null): string | null => (sealed === null ? null : pii.decrypt(sealed));
  return {
    unit: row.unit_id ? { id: row.unit_id, matched: row.unit_matched ?? '' } : null,
    name: open(row.name_enc),
    address: open(row.address_enc),
    idNumber: open(row.id_number_enc),
    demand: open(row.demand_enc),
    invalid: readProblems(row.invalid),
  };
}

/** The sealed columns of a parse: every personal field encrypted, the unit in the clear (it is an office). */
export function parseColumns(pii: PiiCipher, p: ParsedPetition) {
  const seal = (value: string | null): string | null => (value === null ? null : pii.encrypt(value));
  return {
    unit_id: p.unit?.id ?? null,
    unit_matched: p.unit?.matched ?? null,
    name_enc: seal(p.name),
    address_enc: seal(p.address),
    id_number_enc: seal(p.idNumber),
    demand_enc: seal(p.demand),
  };
}

/** Stored by our own code as JSON; parsing checks it rather than trusting a cast. */
function readStored<T>(schema: z.ZodType<T>, json: string): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const readProblems = (json: string): PetitionProblem[] => readStored(z.array(petitionProblemSchema), json) ?? [];
export const readFields = (json: string): PetitionField[] => readStored(z.array(petitionFieldSchema), json) ?? [];
