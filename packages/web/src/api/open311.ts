import type { IssuedOpen311Key, IssuedToken, Open311KeyList } from '@openline/core';
import { request } from './client';

/* Open311 GeoReport v2 (issue 11 §3, ADR 0031): API keys of client applications. Shapes are core's (ADR 0042). */

export type Open311Key = IssuedToken;

export const listOpen311Keys = (signal?: AbortSignal) => request<Open311KeyList>('GET', '/api/v1/admin/open311/keys', { signal });
export const issueOpen311Key = (name: string) => request<IssuedOpen311Key>('POST', '/api/v1/admin/open311/keys', { body: { name } });
export const revokeOpen311Key = (id: string) => request<void>('DELETE', `/api/v1/admin/open311/keys/${encodeURIComponent(id)}`);
