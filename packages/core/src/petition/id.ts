import { checkIdNumber } from '../id-number.js';
import { ID_LABELS, OTHER_NUMBER_LABELS, labelRegex } from './labels.js';
import type { Span } from './text.js';
import type { PetitionInvalidReason } from './types.js';

/**
 * Finding the sender's ID number in a message. Senders break long numbers into groups with
 * spaces or line breaks (1101 0519 4912 3100 2X), write x for X, and put phone and bank card
 * numbers beside it, so a number is read with the label before it:
 *  - after 身份证/证件号 it is the ID number, valid or not (a wrong length is a format error);
 *  - after 电话/手机/卡号/账号 it is never the ID number;
 *  - unlabelled, an 18-character number is taken when valid, and reported as mistyped only
 *    when it plausibly is one (a province code and a 19xx/20xx birth year): an 18-digit bank
 *    card or order number should not earn the sender a "check digit wrong" reply.
 * The division code is never checked against today's list (abolished codes stay valid).
 */
export interface IdFinding extends Span {
  id: string | null;
  reason: PetitionInvalidReason | null;
  labelled: boolean;
}

// Digits with single spaces, line breaks or dashes between them, optionally ending in X.
const RUN = /(?<![\dA-Za-z])\d(?:\d|[ \n-](?=\d))*(?:[ ]?[Xx])?(?![A-Za-z\d])/g;
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);
const ID_LABEL_RE = labelRegex(ID_LABELS);
const OTHER_LABEL_RE = labelRegex(OTHER_NUMBER_LABELS);

type RunLabel = 'id' | 'other' | null;

/** The label standing just before a number (at most six characters between, none a digit). */
function labelBefore(text: string, start: number): RunLabel {
  const from = Math.max(0, start - 20);
  const before = text.slice(from, start);
  let best: { end: number; kind: RunLabel } | null = null;
  for (const [re, kind] of [
    [ID_LABEL_RE, 'id'],
    [OTHER_LABEL_RE, 'other'],
  ] as const) {
    for (const m of before.matchAll(re)) {
      const end = m.index + m[0].length;
      if (!best || end > best.end) best = { end, kind };
    }
  }
  if (!best) return null;
  const gap = before.slice(best.end);
  return gap.length <= 6 && !/[\d\n]/.test(gap) ? best.kind : null;
}

interface Piece {
  text: string;
  start: number;
  end: number;
}

/** Candidate numbers of a run: the whole run, or consecutive groups that add up to 15 or 18. */
function candidates(run: string, offset: number): Piece[] {
  const groups: Piece[] = [];
  for (const m of run.matchAll(/\d+(?:[ ]?[Xx])?/g)) {
    groups.push({ text: m[0].replace(' ', ''), start: offset + m.index, end: offset + m.index + m[0].length });
  }
  const whole = groups.map((g) => g.text).join('');
  const first = groups[0];
  const last = groups[groups.length - 1];
  if (!first || !last) return [];
  if (whole.length === 18 || whole.length === 15 || groups.length === 1) {
    return [{ text: whole, start: first.start, end: last.end }];
  }
  const out: Piece[] = [];
  for (let i = 0; i < groups.length; i += 1) {
    let acc = '';
    for (let j = i; j < groups.length; j += 1) {
      const g = groups[j];
      if (!g) break;
      acc += g.text;
      if (acc.length > 18) break;
      if (acc.length === 18 || (acc.length === 15 && !/X/i.test(acc))) {
        const start = groups[i]?.start ?? g.start;
        out.push({ text: acc, start, end: g.end });
      }
    }
  }
  return out;
}

function plausibleId(digits: string): boolean {
  return PROVINCES.has(digits.slice(0, 2)) && /^(19|20)/.test(digits.slice(6, 8));
}

/** A message carries one ID number; past this many candidates the rest is noise (and time). */
const MAX_FINDINGS = 20;

export function findIdNumbers(text: string): IdFinding[] {
  const found: IdFinding[] = [];
  for (const m of text.matchAll(RUN)) {
    if (found.length >= MAX_FINDINGS) break;
    const label = labelBefore(text, m.index);
    if (label === 'other') continue;
    const pieces = candidates(m[0], m.index);
    const labelled = label === 'id';
    let taken = false;
    for (const p of pieces) {
      if (found.length >= MAX_FINDINGS) break;
      const upper = p.text.toUpperCase();
      if (upper.length !== 18 && upper.length !== 15) continue;
      const check = checkIdNumber(upper, { legacy15: true });
      if (check.ok) {
        found.push({ start: p.start, end: p.end, id: check.id, reason: null, labelled });
        taken = true;
      } else if (labelled || (upper.length === 18 && plausibleId(upper))) {
        found.push({ start: p.start, end: p.end, id: null, reason: check.reason, labelled });
        taken = true;
      }
    }
    // A labelled number of the wrong length: the sender meant an ID number and mistyped it.
    if (!taken && labelled) {
      const digits = m[0].replace(/[^\dXx]/g, '');
      if (digits.length >= 8) found.push({ start: m.index, end: m.index + m[0].length, id: null, reason: 'format', labelled });
    }
  }
  return found;
}

/** The one to keep: a valid labelled number, else any valid, else the labelled invalid one, else any invalid. */
export function pickIdNumber(found: readonly IdFinding[]): IdFinding | null {
  return (
    found.find((f) => f.id && f.labelled) ??
    found.find((f) => f.id) ??
    found.find((f) => f.labelled) ??
    found[0] ??
    null
  );
}
