import { request } from './client';
import type { IssuedToken } from './issuedTokens';

/* Open311 GeoReport v2 (issue 11 §3, ADR 0031): API keys of client applications. */

export type Open311Key = IssuedToken;

export const listOpen311Keys = (signal?: AbortSignal) => request<{ items: Open311Key[] }>('GET', '/api/v1/admin/open311/keys', { signal });
export const issueOpen311Key = (name: string) => request<{ id: string; apiKey: string; prefix: string }>('POST', '/api/v1/admin/open311/keys', { body: { name } });
export const revokeOpen311Key = (id: string) => request<void>('DELETE', `/api/v1/admin/open311/keys/${encodeURIComponent(id)}`);
