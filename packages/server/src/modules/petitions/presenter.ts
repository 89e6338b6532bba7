import { redactPersonalData, type CallerViewer, type PetitionDetail, type PetitionSummary, type RevealedPetition } from '@openline/core';
import type { PiiCipher } from '../../crypto/pii.js';
import { revealCaller, showCaller, type SealedCaller } from '../cases/caller.js';
import { readFields, readProblems } from './fields.js';
import type { PendingPetitionRow } from './repository.js';

export interface PetitionLookups {
  lines: ReadonlyMap<string, { name: string; number: string; mode: string }>;
  units: ReadonlyMap<string, string>;
  cases: ReadonlyMap<string, string>;
}

/**
 * The petition's identity columns in the shape every caller leaves the server through
 * (cases/caller.ts, ADR 0006). Petitions come from the SMS-only line, never a tip line; should
 * an admin turn that line into a tip line, its senders become protected like its reporters.
 */
function sealedCaller(row: PendingPetitionRow, look: PetitionLookups): SealedCaller {
  return {
    caller_protected: look.lines.get(row.line_id)?.mode === 'tip' ? 1 : 0,
    caller_name_enc: row.name_enc, caller_phone_enc: row.sender_enc, address_enc: row.address_enc, caller_id_number_enc: row.id_number_enc,
  };
}

export function presentPetitionSummary(row: PendingPetitionRow, viewer: CallerViewer, pii: PiiCipher, look: PetitionLookups): PetitionSummary {
  const line = look.lines.get(row.line_id) ?? { name: '', number: '' };
  const unitName = row.unit_id ? look.units.get(row.unit_id) : undefined;
  return {
    id: row.id,
    status: row.status,
    line: { id: row.line_id, name: line.name, number: line.number },
    from: showCaller(sealedCaller(row, look), viewer, pii).callerPhone,
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

export function presentPetitionDetail(row: PendingPetitionRow, viewer: CallerViewer, pii: PiiCipher, look: PetitionLookups): PetitionDetail {
  const shown = showCaller(sealedCaller(row, look), viewer, pii);
  return {
    ...presentPetitionSummary(row, viewer, pii, look),
    text: row.text,
    name: shown.callerName,
    address: shown.address,
    idNumber: shown.callerIdNumber,
    demand: row.demand_enc === null ? null : redactPersonalData(pii.decrypt(row.demand_enc), { smsOnlyLine: true }).redacted,
  };
}

/** Everything in full, or null when this viewer may not know the sender (the service audits either way). */
export function revealPetition(row: PendingPetitionRow, viewer: CallerViewer, pii: PiiCipher, look: PetitionLookups): RevealedPetition | null {
  const caller = revealCaller(sealedCaller(row, look), viewer, pii);
  if (!caller) return null;
  return {
    from: caller.callerPhone,
    name: caller.callerName,
    address: caller.address,
    idNumber: caller.callerIdNumber,
    demand: row.demand_enc === null ? null : pii.decrypt(row.demand_enc),
    text: pii.decrypt(row.text_enc),
  };
}
