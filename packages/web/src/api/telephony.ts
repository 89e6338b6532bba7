import { request } from './client';
import type { IssuedToken } from './issuedTokens';

/* Telephony administration (issue 10): phone-system tokens, blocked callers, CDR import. */

export type CtiToken = IssuedToken;

export interface BlockedNumber {
  id: string;
  /** Masked. */
  number: string;
  note: string;
  createdAt: string;
}

export interface CdrImportReport {
  imported: number;
  duplicates: number;
  rejected: Array<{ row: number; reason: string }>;
}

export const listCtiTokens = (signal?: AbortSignal) => request<{ items: CtiToken[] }>('GET', '/api/v1/admin/cti-tokens', { signal });
export const issueCtiToken = (name: string) => request<{ id: string; token: string; prefix: string }>('POST', '/api/v1/admin/cti-tokens', { body: { name } });
export const revokeCtiToken = (id: string) => request<void>('DELETE', `/api/v1/admin/cti-tokens/${encodeURIComponent(id)}`);

export const listBlockedNumbers = (signal?: AbortSignal) => request<{ items: BlockedNumber[] }>('GET', '/api/v1/admin/blocked-numbers', { signal });
export const blockNumber = (number: string, note: string) => request<BlockedNumber>('POST', '/api/v1/admin/blocked-numbers', { body: { number, note } });
export const unblockNumber = (id: string) => request<void>('DELETE', `/api/v1/admin/blocked-numbers/${encodeURIComponent(id)}`);

/** The console sends the file as JSON: signed-in writes must be JSON (the server's CSRF rule). */
export const importCdr = (csv: string) => request<CdrImportReport>('POST', '/api/v1/admin/call-records/import', { body: { csv } });
