import { maskAddress, maskIdNumber, maskName, maskPhone, redactPersonalData } from '@openline/core';
import { z } from 'zod';
import type { PiiCipher } from '../../crypto/pii.js';
import { petitionFieldSchema, petitionProblemSchema, readFields, readProblems } from './fields.js';
import type { PendingPetitionRow } from './repository.js';

export const petitionStatusSchema = z.enum(['pending', 'opened', 'expired']);

export const petitionSummarySchema = z.object({
  id: z.string(),
  status: petitionStatusSchema,
  line: z.object({ id: z.string(), name: z.string(), number: z.string() }),
  from: z.string().describe('masked'),
  unit: z.object({ id: z.string(), name: z.string() }).nullable().describe('the unit the petition is about, as matched'),
  missing: z.array(petitionFieldSchema),
  invalid: z.array(petitionProblemSchema),
  parts: z.number().int().describe('messages received for this petition'),
  receivedAt: z.string(),
  updatedAt: z.string(),
  expiresAt: z.string(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
});
export type PetitionSummary = z.infer<typeof petitionSummarySchema>;

export const petitionDetailSchema = petitionSummarySchema.extend({
  text: z.string().describe('the messages, redacted (ADR 0009); the original only through the audited reveal'),
  name: z.string().nullable().describe('masked'),
  address: z.string().nullable().describe('masked'),
  idNumber: z.string().nullable().describe('masked'),
  demand: z.string().nullable().describe('redacted'),
});
export type PetitionDetail = z.infer<typeof petitionDetailSchema>;

export const revealedPetitionSchema = z.object({
  from: z.string(),
  name: z.string().nullable(),
  address: z.string().nullable(),
  idNumber: z.string().nullable(),
  demand: z.string().nullable(),
  text: z.string(),
});
export type RevealedPetition = z.infer<typeof revealedPetitionSchema>;

export interface PetitionLookups {
  lines: ReadonlyMap<string, { name: string; number: string }>;
  units: ReadonlyMap<string, string>;
  cases: ReadonlyMap<string, string>;
}

export function presentPetitionSummary(row: PendingPetitionRow, pii: PiiCipher, look: PetitionLookups): PetitionSummary {
  const line = look.lines.get(row.line_id) ?? { name: '', number: '' };
  const unitName = row.unit_id ? look.units.get(row.unit_id) : undefined;
  return {
    id: row.id,
    status: row.status,
    line: { id: row.line_id, name: line.name, number: line.number },
    from: maskPhone(pii.decrypt(row.sender_enc)),
    unit: row.unit_id && unitName !== undefined ? { id: row.unit_id, name: unitName } : null,
    missing: readFields(row.missing),
    invalid: readProblems(row.invalid),
    parts: row.parts,
    receivedAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    caseId: row.case_id,
    caseNumber: row.case_id ? (look.cases.get(row.case_id) ?? null) : null,
  };
}

export function presentPetitionDetail(row: PendingPetitionRow, pii: PiiCipher, look: PetitionLookups): PetitionDetail {
  const open = (sealed: string | null, mask: (v: string) => string): string | null => (sealed === null ? null : mask(pii.decrypt(sealed)));
  return {
    ...presentPetitionSummary(row, pii, look),
    text: row.text,
    name: open(row.name_enc, maskName),
    address: open(row.address_enc, maskAddress),
    idNumber: open(row.id_number_enc, maskIdNumber),
    demand: open(row.demand_enc, (v) => redactPersonalData(v, { smsOnlyLine: true }).redacted),
  };
}

export function revealPetition(row: PendingPetitionRow, pii: PiiCipher): RevealedPetition {
  const open = (sealed: string | null): string | null => (sealed === null ? null : pii.decrypt(sealed));
  return {
    from: pii.decrypt(row.sender_enc),
    name: open(row.name_enc),
    address: open(row.address_enc),
    idNumber: open(row.id_number_enc),
    demand: open(row.demand_enc),
    text: pii.decrypt(row.text_enc),
  };
}
