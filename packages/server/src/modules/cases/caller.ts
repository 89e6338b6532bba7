import { callerVisibility, maskAddress, maskIdNumber, maskName, maskPhone, type CallerViewer, type CallerVisibility } from '@openline/core';
import type { PiiCipher } from '../../crypto/pii.js';

/**
 * The only way a case's caller leaves the server (ADR 0006). Every presenter, search hit,
 * export or report that shows a caller goes through `showCaller` (masked) or `revealCaller`
 * (in full, after an audited reveal); both ask core's `callerVisibility`, so a protected
 * tip-line reporter comes out as nulls for anyone who may not know them.
 */

/** The sealed identity columns of a case row, with the protection fixed when it was opened. */
export interface SealedCaller {
  caller_protected: number;
  caller_name_enc: string | null;
  caller_phone_enc: string | null;
  address_enc: string | null;
  caller_id_number_enc: string | null;
}

export interface ShownCaller {
  callerName: string | null;
  callerPhone: string | null;
  address: string | null;
  callerIdNumber: string | null;
  /** True when the identity is withheld from this viewer: a protected tip-line reporter. */
  callerProtected: boolean;
}

export function visibilityOf(row: Pick<SealedCaller, 'caller_protected'>, viewer: CallerViewer): CallerVisibility {
  return callerVisibility(row.caller_protected === 1, viewer);
}

/** What this viewer may see of the caller without a reveal: masked, or nothing at all. */
export function showCaller(row: SealedCaller, viewer: CallerViewer, pii: PiiCipher): ShownCaller {
  if (visibilityOf(row, viewer) === 'hidden') {
    return { callerName: null, callerPhone: null, address: null, callerIdNumber: null, callerProtected: true };
  }
  const open = (sealed: string | null, mask: (v: string) => string): string | null => (sealed === null ? null : mask(pii.decrypt(sealed)));
  return {
    callerName: open(row.caller_name_enc, maskName),
    callerPhone: open(row.caller_phone_enc, maskPhone),
    address: open(row.address_enc, maskAddress),
    callerIdNumber: open(row.caller_id_number_enc, maskIdNumber),
    callerProtected: false,
  };
}

export type RevealedCaller = Omit<ShownCaller, 'callerProtected'>;

/** The full identity, or null when this viewer may not reveal it. The caller audits the reveal. */
export function revealCaller(row: SealedCaller, viewer: CallerViewer, pii: PiiCipher): RevealedCaller | null {
  if (visibilityOf(row, viewer) !== 'revealable') return null;
  const open = (sealed: string | null): string | null => (sealed === null ? null : pii.decrypt(sealed));
  return {
    callerName: open(row.caller_name_enc),
    callerPhone: open(row.caller_phone_enc),
    address: open(row.address_enc),
    callerIdNumber: open(row.caller_id_number_enc),
  };
}

/**
 * A sender's number outside a case (an SMS held over its sender's limit): masked, or null for a
 * tip-line reporter this viewer may not know. The same rule as a case's caller, so the held
 * list cannot become a side door to a reporter.
 */
export function showSenderPhone(sealedPhone: string, onTipLine: boolean, viewer: CallerViewer, pii: PiiCipher): string | null {
  return callerVisibility(onTipLine, viewer) === 'hidden' ? null : maskPhone(pii.decrypt(sealedPhone));
}

/**
 * A sender's number in a staff notice (a callback reminder, core notices.ts): masked, as the
 * queue shows it. One notice goes to several people whatever their roles, so on a tip line it
 * names nobody, as for the viewer who may know least (ADR 0006).
 */
export function noticeSenderPhone(sealedPhone: string, onTipLine: boolean, pii: PiiCipher): string | null {
  return onTipLine ? null : maskPhone(pii.decrypt(sealedPhone));
}

/**
 * Whether this viewer's search by a phone number may match a protected tip-line reporter's case
 * or a contact that came in on a tip line. The same rule as seeing the reporter: a hit on a
 * number already says "this person filed a tip", so anyone for whom the reporter is hidden must
 * not get the hit either (ADR 0006).
 */
export function mayFindProtectedCaller(viewer: CallerViewer): boolean {
  return callerVisibility(true, viewer) !== 'hidden';
}
