// Scores labelled pairs with core's duplicate rules at two levels: what an operator is offered
// (classifyCandidate) and what an unattended channel applies by itself (autoApplyDecision).
import { readFileSync } from 'node:fs';
import {
  autoApplyDecision,
  classifyCandidate,
  compareAddresses,
  numbersConflict,
  parseAddress,
  textSimilarity,
  textTokens,
  type CandidateFacts,
  type PlaceMatch,
} from '../../packages/core/src/similarity/index.js';
import { placeFromText } from '../../packages/server/src/modules/intake-check/place.js';

export type PairLabel = 'repeat' | 'same_incident' | 'none';
export type PairKind = 'paraphrase' | 'repeat' | 'near_miss' | 'unrelated';

export interface Pair {
  id: number;
  label: PairLabel;
  kind: PairKind;
  sameCaller: boolean;
  candidateOpen: boolean;
  ageHours: number;
  incoming: { content: string; address: string | null };
  existing: { content: string; address: string | null };
  /** Why a near miss is not a duplicate (held-out and generated sets). */
  note?: string;
}

/** The jurisdiction every labelled address is in (its name is stripped before comparing). */
const JURISDICTION = ['测试市'];

export function loadPairs(file: URL | string): Pair[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { pairs: Pair[] }).pairs;
}

/**
 * How two sides' places compare, as the intake check does: from the address fields; unattended
 * channels (SMS, web) also read a place from a text whose address was left empty (placeFromText).
 */
function pairPlace(p: Pair, fromText: boolean): PlaceMatch {
  const own = p.incoming.address?.trim()
    ? parseAddress(p.incoming.address, JURISDICTION)
    : fromText ? placeFromText(p.incoming.content, JURISDICTION) : null;
  if (!own) return 'unknown';
  if (p.existing.address?.trim()) return compareAddresses(own, parseAddress(p.existing.address, JURISDICTION));
  return fromText ? compareAddresses(own, placeFromText(p.existing.content, JURISDICTION)) : 'unknown';
}

export function pairFacts(p: Pair, opts: { placeFromText: boolean } = { placeFromText: false }): CandidateFacts {
  return {
    textSimilarity: textSimilarity(p.incoming.content, p.existing.content),
    sameCaller: p.sameCaller,
    place: pairPlace(p, opts.placeFromText),
    ageMs: p.ageHours * 3_600_000,
    candidateOpen: p.candidateOpen,
    numbersConflict: numbersConflict(textTokens(p.incoming.content), textTokens(p.existing.content)),
  };
}

interface Confusion { tp: number; fp: number; fn: number }

export interface SetFigures {
  n: number;
  repeats: number;
  sameIncidents: number;
  repeatPrecision: number;
  repeatRecall: number;
  sameIncidentPrecision: number;
  sameIncidentRecall: number;
  precision: number;
  recall: number;
  /** Unattended level: attach on a labelled repeat, merge on a labelled same incident. */
  autoCorrect: number;
  /** Unattended level: any other attach or merge (the costly mistake). */
  autoWrong: number;
  /** Share of the labelled duplicates (repeat + same incident) applied correctly by themselves. */
  autoRecall: number;
  autoAttachCorrect: number;
  autoAttachWrong: number;
  autoMergeCorrect: number;
  autoMergeWrong: number;
}

export interface Mistake {
  pair: Pair;
  level: 'suggest' | 'auto';
  predicted: string;
  facts: CandidateFacts;
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : Number((a / b).toFixed(3)));

/** Precision and recall per kind at both levels, and every mistake (for --verbose). */
export function evaluatePairs(pairs: readonly Pair[]): { figures: SetFigures; mistakes: Mistake[] } {
  const counts: Record<'repeat' | 'same_incident', Confusion> = {
    repeat: { tp: 0, fp: 0, fn: 0 },
    same_incident: { tp: 0, fp: 0, fn: 0 },
  };
  const auto = { attachCorrect: 0, attachWrong: 0, mergeCorrect: 0, mergeWrong: 0 };
  const mistakes: Mistake[] = [];
  for (const p of pairs) {
    const facts = pairFacts(p);
    const predicted = classifyCandidate(facts) ?? 'none';
    for (const kind of ['repeat', 'same_incident'] as const) {
      if (predicted === kind && p.label === kind) counts[kind].tp++;
      else if (predicted === kind) counts[kind].fp++;
      else if (p.label === kind) counts[kind].fn++;
    }
    if (predicted !== p.label) mistakes.push({ pair: p, level: 'suggest', predicted, facts });
    const unattended = pairFacts(p, { placeFromText: true });
    const applied = autoApplyDecision(unattended);
    if (applied === 'attach') {
      if (p.label === 'repeat') auto.attachCorrect++;
      else auto.attachWrong++;
    } else if (applied === 'merge') {
      if (p.label === 'same_incident') auto.mergeCorrect++;
      else auto.mergeWrong++;
    }
    if (applied && !(applied === 'attach' ? p.label === 'repeat' : p.label === 'same_incident')) {
      mistakes.push({ pair: p, level: 'auto', predicted: applied, facts: unattended });
    }
  }
  const all: Confusion = {
    tp: counts.repeat.tp + counts.same_incident.tp,
    fp: counts.repeat.fp + counts.same_incident.fp,
    fn: counts.repeat.fn + counts.same_incident.fn,
  };
  const repeats = pairs.filter((p) => p.label === 'repeat').length;
  const sameIncidents = pairs.filter((p) => p.label === 'same_incident').length;
  const autoCorrect = auto.attachCorrect + auto.mergeCorrect;
  return {
    figures: {
      n: pairs.length,
      repeats,
      sameIncidents,
      repeatPrecision: ratio(counts.repeat.tp, counts.repeat.tp + counts.repeat.fp),
      repeatRecall: ratio(counts.repeat.tp, counts.repeat.tp + counts.repeat.fn),
      sameIncidentPrecision: ratio(counts.same_incident.tp, counts.same_incident.tp + counts.same_incident.fp),
      sameIncidentRecall: ratio(counts.same_incident.tp, counts.same_incident.tp + counts.same_incident.fn),
      precision: ratio(all.tp, all.tp + all.fp),
      recall: ratio(all.tp, all.tp + all.fn),
      autoCorrect,
      autoWrong: auto.attachWrong + auto.mergeWrong,
      autoRecall: ratio(autoCorrect, repeats + sameIncidents),
      autoAttachCorrect: auto.attachCorrect,
      autoAttachWrong: auto.attachWrong,
      autoMergeCorrect: auto.mergeCorrect,
      autoMergeWrong: auto.mergeWrong,
    },
    mistakes,
  };
}

export function describeMistake(m: Mistake): string {
  const p = m.pair;
  return `#${p.id} ${m.level} ${p.kind}${p.note ? ` (${p.note})` : ''} label=${p.label} predicted=${m.predicted} ` +
    `sim=${m.facts.textSimilarity.toFixed(3)} place=${m.facts.place} age=${p.ageHours}h open=${p.candidateOpen} ` +
    `| ${p.existing.content} [${p.existing.address}] | ${p.incoming.content} [${p.incoming.address}]`;
}
