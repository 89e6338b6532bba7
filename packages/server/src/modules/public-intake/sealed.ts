/**
 * What an accepted appeal keeps until it is processed, sealed as one document (ADR 0002): the
 * citizen's personal data and free text, the address it came from (for the audit entries of what
 * processing applies automatically) and the tracking code, so the case carries the very code the
 * citizen was given. Cleared once processed.
 */
export interface SealedAppeal {
  name: string;
  /** E.164. */
  phone: string;
  content: string;
  address?: string | undefined;
  categoryId?: string | undefined;
  ip: string;
  trackingCode: string;
}
