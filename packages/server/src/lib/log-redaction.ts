import type { FastifyRequest } from 'fastify';

/**
 * Tracking codes are bearer secrets: whoever reads one follows (and rates) the appeal. They
 * travel in URLs (`/api/v1/public/appeals/<code>`, the SMS link `/track/<code>`), so every log
 * line that carries a URL goes through here. Whatever follows those prefixes is hidden, valid
 * code or not: a mistyped code is one character away from a real one.
 */
// The phone system's CTI token sits in its webhook URL (`/api/v1/cti/<token>`) as Zammad's does.
// So do the SMS providers' push tokens (`/api/v1/channels/sms/aliyun/<token>`, ADR 0030).
const CODE_IN_PATH = /(\/(?:public\/appeals|track|cti|sms\/aliyun|sms\/tencent)\/)[^/?#]+/gi;
// A caller's number searched in the case list (`?phone=`) is personal data, and may be a tip
// reporter's: it never reaches a log either.
const CODE_IN_QUERY = /([?&](?:code|trackingCode|phone|callerName)=)[^&#]*/gi;

export function redactTrackingCodes(url: string): string {
  return url.replace(CODE_IN_PATH, '$1[redacted]').replace(CODE_IN_QUERY, '$1[redacted]');
}

/** Fastify's default request serializer, with the URL's tracking codes hidden. */
export function serializeRequest(req: FastifyRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: redactTrackingCodes(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
