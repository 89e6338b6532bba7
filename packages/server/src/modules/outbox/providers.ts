import { createHmac } from 'node:crypto';

export interface DeliveryRequest {
  id: string;
  channel: 'sms' | 'email' | 'staff';
  recipient: string;
  template: string;
  body: string;
  caseId: string | null;
}

export type DeliveryResult = (
  | { ok: true; providerMessageId: string | null }
  /** permanent: retrying cannot help (the provider refused the message itself). */
  | { ok: false; permanent: boolean; error: string }
) & {
  /** Who delivered it, when a provider hands messages on by channel (sms-gateways/index.ts); default: the provider's name. */
  provider?: string;
};

export interface OutboxProvider {
  readonly name: string;
  send(message: DeliveryRequest): Promise<DeliveryResult>;
}

export interface ProviderLogger {
  info(obj: object, msg: string): void;
}

/**
 * Embedded default: "delivers" by logging (recipient masked by the caller) and marking the
 * message sent, so a fresh install shows the whole flow on the admin outbox page without an
 * SMS contract.
 */
export function logProvider(log: ProviderLogger): OutboxProvider {
  return {
    name: 'log',
    async send(message) {
      log.info({ outboxId: message.id, channel: message.channel, template: message.template }, 'outbox message delivered to log');
      return { ok: true, providerMessageId: null };
    },
  };
}

/**
 * Hands each message to an HTTP endpoint (an SMS gateway adapter, an e-mail relay). The message
 * id travels as Idempotency-Key, so a retry after a lost response cannot send twice at a
 * receiver that honours it; the body is signed with HMAC-SHA-256 when a secret is configured.
 */
export function webhookProvider(options: { url: string; secret: string | undefined; timeoutMs?: number }): OutboxProvider {
  return {
    name: 'webhook',
    async send(message) {
      const body = JSON.stringify(message);
      const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': message.id };
      if (options.secret) {
        headers['x-openline-signature'] = `sha256=${createHmac('sha256', options.secret).update(body).digest('hex')}`;
      }
      let res: Response;
      try {
        res = await fetch(options.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
      } catch (err) {
        return { ok: false, permanent: false, error: err instanceof Error ? err.message : String(err) };
      }
      if (res.ok) {
        const json = (await res.json().catch(() => null)) as { id?: unknown } | null;
        return { ok: true, providerMessageId: typeof json?.id === 'string' ? json.id : null };
      }
      // 408 and 429 mean "later"; other 4xx mean the message itself is unacceptable.
      const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
      return { ok: false, permanent: !retryable, error: `HTTP ${res.status}` };
    },
  };
}
