/**
 * The one place the console talks HTTP. Every call is same-origin with the session cookie, and
 * every write is JSON: the server refuses cookie-authenticated writes without a JSON content
 * type (its CSRF defence), so callers cannot forget it.
 */

export interface ErrorDetail {
  /** Field the message is about; the server may send "phone", "body.phone" or ["body", "phone"]. */
  path: string | (string | number)[];
  /** The server's English sentence, for developers; screens say `issue` in the user's words. */
  message: string;
  /** zod's issue code (too_small, too_big, invalid_format, …) on validation errors. */
  issue?: string;
  limit?: number;
  /** string, number or array: what `limit` counts. */
  origin?: string;
}

/** Stable codes the client itself produces when there is no usable answer from the server. */
const CLIENT_ERROR_CODES = { network: 'NETWORK_ERROR', unexpected: 'UNEXPECTED_RESPONSE' } as const;

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** From Retry-After on 429, so the screen can say how long to wait. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body ?? {});
  }

  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, CLIENT_ERROR_CODES.network, error instanceof Error ? error.message : String(error));
  }

  const payload = await readJson(response);
  if (!response.ok) throw toApiError(response, payload);
  if (response.status === 204) return undefined as T;
  if (payload === undefined) {
    throw new ApiError(response.status, CLIENT_ERROR_CODES.unexpected, 'Expected a JSON body');
  }
  // The server's response schemas are the contract (see /openapi.json); trusting them here
  // keeps runtime validators out of the bundle.
  return payload as T;
}

/**
 * A file upload: multipart, the one write that cannot be JSON. The header tells the server's
 * CSRF guard this came from our own script (a cross-site form cannot add headers).
 */
export async function upload<T>(path: string, form: FormData): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers: { accept: 'application/json', 'x-openline-upload': '1' }, body: form, credentials: 'same-origin' });
  } catch (error) {
    throw new ApiError(0, CLIENT_ERROR_CODES.network, error instanceof Error ? error.message : String(error));
  }
  const payload = await readJson(response);
  if (!response.ok) throw toApiError(response, payload);
  if (payload === undefined) throw new ApiError(response.status, CLIENT_ERROR_CODES.unexpected, 'Expected a JSON body');
  return payload as T;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** The ApiError of an answer that is not OK, for callers that read bodies other than JSON (downloads). */
export async function errorOf(response: Response): Promise<ApiError> {
  return toApiError(response, await readJson(response));
}

function toApiError(response: Response, payload: unknown): ApiError {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const error = isRecord(payload) && isRecord(payload.error) ? payload.error : null;
  if (error && typeof error.code === 'string') {
    const message = typeof error.message === 'string' ? error.message : '';
    const details = Array.isArray(error.details) ? error.details.filter(isErrorDetail) : [];
    return new ApiError(response.status, error.code, message, details, retryAfter);
  }
  // A proxy or gateway answered (502 HTML page, etc.): keep the status, which is all we know.
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText, [], retryAfter);
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isErrorDetail(value: unknown): value is ErrorDetail {
  if (!isRecord(value) || typeof value.message !== 'string') return false;
  return typeof value.path === 'string' || Array.isArray(value.path);
}

export type QueryValue = string | number | boolean | null | undefined;

/** `path?a=1&b=x`, leaving out empty values so the server applies its own defaults. */
export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
