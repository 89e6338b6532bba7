/**
 * What the SMS petition line must learn from a message (DESIGN §1: unit, name, home address,
 * national ID number and demand). The parser is pure; the server keeps pending petitions.
 */
export const PETITION_FIELDS = ['unit', 'name', 'address', 'idNumber', 'demand'] as const;
export type PetitionField = (typeof PETITION_FIELDS)[number];

/** An org unit the message may name: its full name and any aliases the jurisdiction keeps. */
export interface PetitionUnitCandidate {
  id: string;
  name: string;
  aliases: readonly string[];
}

export type PetitionInvalidReason = 'checksum' | 'format' | 'birthdate';

export interface ParsedPetition {
  /** The unit petitioned, with the text that named it (full name, alias or short form). */
  unit: { id: string; matched: string } | null;
  name: string | null;
  address: string | null;
  /** Normalised (ASCII digits, uppercase X), only when valid; 15-digit legacy numbers stay 15 digits. */
  idNumber: string | null;
  demand: string | null;
  /** Fields the sender gave but wrongly; today only the ID number can be invalid. */
  invalid: Array<{ field: PetitionField; reason: PetitionInvalidReason }>;
}
