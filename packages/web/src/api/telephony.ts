import type { BlockedNumber, BlockedNumberList, CdrImportReport, CtiTokenList, IssuedCtiToken } from '@openline/core';
import { request } from './client';

/* Telephony administration (issue 10): phone-system tokens, blocked callers, CDR import. Answers are core's API schemas (ADR 0042). */

export type { BlockedNumber, CdrImportReport } from '@openline/core';

export const listCtiTokens = (signal?: AbortSignal) => request<CtiTokenList>('GET', '/api/v1/admin/cti-tokens', { signal });
export const issueCtiToken = (name: string) => request<IssuedCtiToken>('POST', '/api/v1/admin/cti-tokens', { body: { name } });
export const revokeCtiToken = (id: string) => request<void>('DELETE', `/api/v1/admin/cti-tokens/${encodeURIComponent(id)}`);

export const listBlockedNumbers = (signal?: AbortSignal) => request<BlockedNumberList>('GET', '/api/v1/admin/blocked-numbers', { signal });
export const blockNumber = (number: string, note: string) => request<BlockedNumber>('POST', '/api/v1/admin/blocked-numbers', { body: { number, note } });
export const unblockNumber = (id: string) => request<void>('DELETE', `/api/v1/admin/blocked-numbers/${encodeURIComponent(id)}`);

/** The console sends the file as JSON: signed-in writes must be JSON (the server's CSRF rule). */
export const importCdr = (csv: string) => request<CdrImportReport>('POST', '/api/v1/admin/call-records/import', { body: { csv } });
