/**
 * The labelled petition set (fixtures/labelled.json) and how the parser is scored on it; used by
 * the core test and `npm run bench:petition`. Not part of the build (tsconfig excludes fixtures.ts).
 *
 * Scoring is per field. A prediction is a true positive when it matches the label, a false
 * positive when it is given but wrong or unlabelled, and a false negative when the label is not
 * found (a wrong value counts as both). Matching: unit by id, name and ID number exactly,
 * address by character-bigram Dice ≥ 0.8 (so 东城区… vs …without the district still counts only
 * when nearly all of it is there), demand by Dice ≥ 0.6 (its edges are a judgement call).
 */
import { readFileSync } from 'node:fs';
import { mergePetitionParts } from './merge.js';
import { parsePetitionMessage } from './parse.js';
import { PETITION_FIELDS, type ParsedPetition, type PetitionField, type PetitionInvalidReason, type PetitionUnitCandidate } from './types.js';

export interface ExpectedPetition {
  unit: string | null;
  name: string | null;
  address: string | null;
  idNumber: string | null;
  idInvalid: PetitionInvalidReason | null;
  demand: string | null;
}
/**
 * dev: rules tuned on it; heldout: written before tuning (its misses later seen); heldout2: written
 * after tuning (its misses later seen); heldout3: written last, measured once, never tuned on.
 */
export type LabelledPart = 'dev' | 'heldout' | 'heldout2' | 'heldout3';
export interface LabelledMessage {
  id: string;
  part: LabelledPart;
  text: string;
  expected: ExpectedPetition;
}
export interface LabelledThread {
  id: string;
  messages: string[];
  expected: ExpectedPetition;
}
export interface LabelledSet {
  units: PetitionUnitCandidate[];
  messages: LabelledMessage[];
  threads: LabelledThread[];
}

export function loadLabelledSet(): LabelledSet {
  return JSON.parse(readFileSync(new URL('./fixtures/labelled.json', import.meta.url), 'utf8')) as LabelledSet;
}

export interface FieldScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}
export interface Miss {
  id: string;
  field: PetitionField | 'idInvalid';
  expected: string | null;
  got: string | null;
}
export interface SetScore {
  n: number;
  fields: Record<PetitionField, FieldScore>;
  /** Share of messages whose invalid-ID verdict (none, checksum, format, birthdate) is right. */
  invalidAccuracy: number;
  /** Share of messages with every field right. */
  allFieldsRight: number;
  misses: Miss[];
}

const clean = (s: string) => s.normalize('NFKC').replace(/[\s,.;:!?，。；：！？、()（）"'“”]/gu, '');

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const t = clean(s);
  if (t.length === 1) out.set(t, 1);
  for (let i = 0; i + 1 < t.length; i += 1) out.set(t.slice(i, i + 2), (out.get(t.slice(i, i + 2)) ?? 0) + 1);
  return out;
}

export function dice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let common = 0;
  let total = 0;
  for (const [k, v] of x) {
    common += Math.min(v, y.get(k) ?? 0);
    total += v;
  }
  for (const v of y.values()) total += v;
  return total === 0 ? 1 : (2 * common) / total;
}

function predicted(p: ParsedPetition, field: PetitionField): string | null {
  return field === 'unit' ? (p.unit?.id ?? null) : p[field];
}

function matches(field: PetitionField, got: string, want: string): boolean {
  if (field === 'address') return dice(got, want) >= 0.8;
  if (field === 'demand') return dice(got, want) >= 0.6;
  return clean(got) === clean(want);
}

export function scoreParses(items: ReadonlyArray<{ id: string; expected: ExpectedPetition; parsed: ParsedPetition }>): SetScore {
  const counts = Object.fromEntries(PETITION_FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<PetitionField, { tp: number; fp: number; fn: number }>;
  const misses: Miss[] = [];
  let invalidRight = 0;
  let allRight = 0;
  for (const { id, expected, parsed } of items) {
    let right = true;
    for (const field of PETITION_FIELDS) {
      const got = predicted(parsed, field);
      const want = expected[field];
      const c = counts[field];
      const ok = got !== null && want !== null && matches(field, got, want);
      if (ok) c.tp += 1;
      if (got !== null && !ok) c.fp += 1;
      if (want !== null && !ok) c.fn += 1;
      if (!ok && (got !== null || want !== null)) {
        right = false;
        misses.push({ id, field, expected: want, got });
      }
    }
    const gotInvalid = parsed.invalid.find((e) => e.field === 'idNumber')?.reason ?? null;
    if (gotInvalid === expected.idInvalid) invalidRight += 1;
    else {
      right = false;
      misses.push({ id, field: 'idInvalid', expected: expected.idInvalid, got: gotInvalid });
    }
    if (right) allRight += 1;
  }
  const fields = Object.fromEntries(
    PETITION_FIELDS.map((f) => {
      const { tp, fp, fn } = counts[f];
      const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
      const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      return [f, { tp, fp, fn, precision, recall, f1 }];
    }),
  ) as Record<PetitionField, FieldScore>;
  const n = items.length;
  return { n, fields, invalidAccuracy: n ? invalidRight / n : 1, allFieldsRight: n ? allRight / n : 1, misses };
}

export function scoreMessages(set: LabelledSet, part: LabelledPart | 'all'): SetScore {
  const items = set.messages
    .filter((m) => part === 'all' || m.part === part)
    .map((m) => ({ id: m.id, expected: m.expected, parsed: parsePetitionMessage(m.text, set.units) }));
  return scoreParses(items);
}

/** Each thread's messages parsed and merged in order, as the server completes a pending petition. */
export function scoreThreads(set: LabelledSet): SetScore {
  const items = set.threads.map((t) => {
    const parts = t.messages.map((m) => parsePetitionMessage(m, set.units));
    const first = parts[0];
    if (!first) throw new Error(`thread ${t.id} has no messages`);
    return { id: t.id, expected: t.expected, parsed: parts.slice(1).reduce(mergePetitionParts, first) };
  });
  return scoreParses(items);
}
