import type { DeliveryResult } from '../providers.js';

export interface ProviderAnswer {
  status: number;
  json: unknown;
}

/**
 * One POST to a provider. A network failure or timeout is a retryable failure (the provider may
 * or may not have sent; the outbox retries, as for the webhook provider). The error text is
 * ours, never the request: it is stored in the outbox and shown to admins.
 */
export async function postToProvider(
  provider: string,
  o: { url: string; headers: Record<string, string>; body: string; timeoutMs?: number },
): Promise<ProviderAnswer | Extract<DeliveryResult, { ok: false }>> {
  let res: Response;
  try {
    res = await fetch(o.url, { method: 'POST', headers: o.headers, body: o.body, signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) });
  } catch (err) {
    const reason = err instanceof Error && err.name === 'TimeoutError' ? 'timed out' : 'unreachable';
    return { ok: false, permanent: false, error: `${provider}: ${reason}` };
  }
  const json: unknown = await res.json().catch(() => null);
  return { status: res.status, json };
}

/** A field of a JSON answer, as a string when it is one. */
export function field(value: unknown, ...path: string[]): unknown {
  let v: unknown = value;
  for (const key of path) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

export const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

/** Provider error text for the outbox page, bounded (a provider's message could be long). */
export const errorText = (provider: string, code: string | undefined, message: string | undefined): string =>
  `${provider}: ${code ?? 'error'}${message ? ` ${message}` : ''}`.slice(0, 300);
