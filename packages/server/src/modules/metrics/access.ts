import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * Who may scrape /metrics (ADR 0034). The figures say how busy the hotline is and which jobs
 * fail, so they are not public. With METRICS_TOKEN set, only `Authorization: Bearer <token>`
 * (from anywhere: Prometheus usually runs on another host). Without it, only a scraper on this
 * host: a loopback peer that is not relaying someone else's request (a reverse proxy on the
 * same host connects from loopback too, but says so in X-Forwarded-For / Forwarded).
 */
export type MetricsAccess = 'allowed' | 'token-required' | 'loopback-only';

export interface MetricsRequest {
  /** The socket peer, never X-Forwarded-For. */
  peerAddress: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

export function metricsAccess(request: MetricsRequest, token: string | undefined): MetricsAccess {
  if (token !== undefined) {
    const header = request.headers.authorization;
    const given = typeof header === 'string' ? /^Bearer (\S+)$/i.exec(header)?.[1] : undefined;
    // Compared as digests: equal lengths, constant time.
    return given !== undefined && timingSafeEqual(digest(given), digest(token)) ? 'allowed' : 'token-required';
  }
  const relayed = FORWARDING_HEADERS.some((h) => request.headers[h] !== undefined);
  return isLoopback(request.peerAddress) && !relayed ? 'allowed' : 'loopback-only';
}
