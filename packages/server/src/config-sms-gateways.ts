import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

/**
 * The SMS providers' settings (ADR 0030), read from the environment that config.ts hands over.
 * Kept apart from config.ts because there are many and they belong together: which inbound
 * push formats are open, how their destination codes map to our lines, and which provider
 * sends the outbox's SMS. Secrets live only in the returned object, never in a log line.
 */
const secret = z.string().min(16);
export const smsGatewayEnvSchema = z.object({
  SMS_ALIYUN_PUSH_TOKEN: secret.optional(),
  SMS_ALIYUN_DEST_CODES: z.string().optional(),
  SMS_TENCENT_PUSH_TOKEN: secret.optional(),
  SMS_TENCENT_EXTEND_CODES: z.string().optional(),
  SMS_PUSH_ALLOWED_IPS: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex digits').optional(),
  TWILIO_WEBHOOK_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  TWILIO_FROM: z.string().min(2).optional(),
  TWILIO_API_BASE: z.url({ protocol: /^https?$/ }).default('https://api.twilio.com'),
  SMS_PROVIDER: z.enum(['aliyun', 'tencent', 'twilio']).optional(),
  SMS_SIGN_NAME: z.string().trim().min(1).max(30).optional(),
  SMS_TEMPLATES: z.string().optional(),
  SMS_TEMPLATE_PARAM: z.string().regex(/^\w{1,40}$/).default('content'),
  ALIYUN_ACCESS_KEY_ID: z.string().min(1).optional(),
  ALIYUN_ACCESS_KEY_SECRET: z.string().min(1).optional(),
  ALIYUN_SMS_ENDPOINT: z.url({ protocol: /^https?$/ }).default('https://dysmsapi.aliyuncs.com'),
  TENCENT_SECRET_ID: z.string().min(1).optional(),
  TENCENT_SECRET_KEY: z.string().min(1).optional(),
  TENCENT_SMS_APP_ID: z.string().regex(/^\d{1,20}$/).optional(),
  TENCENT_SMS_REGION: z.string().regex(/^[a-z]+-[a-z]+$/).default('ap-guangzhou'),
  TENCENT_SMS_ENDPOINT: z.url({ protocol: /^https?$/ }).default('https://sms.tencentcloudapi.com'),
});
export type SmsGatewayEnv = z.infer<typeof smsGatewayEnvSchema>;

/** A provider's destination code (Aliyun dest_code, Tencent extend) → the line number it reaches. */
export interface LineCodeMap {
  codes: Record<string, string>;
  /** `*=<number>`: where a code not in the list (or an empty one) goes; unset: the code itself is tried as a number. */
  fallback: string | undefined;
}

/** Our template name (sms_intake_opened, …) → the provider's approved template; `*` for all others. */
export interface TemplateMap {
  codes: Record<string, string>;
  fallback: string | undefined;
}

export interface SmsInboundGateways {
  aliyun: { token: string; destCodes: LineCodeMap } | undefined;
  tencent: { token: string; extendCodes: LineCodeMap } | undefined;
  twilio: { authToken: string; webhookBaseUrl: string | undefined } | undefined;
  /** Only these sources may push to the Aliyun and Tencent paths (they cannot sign); undefined: any. */
  pushAllowedIps: BlockList | undefined;
}

export type SmsSenderConfig =
  | { provider: 'aliyun'; accessKeyId: string; accessKeySecret: string; signName: string; templates: TemplateMap; templateParam: string; endpoint: string }
  | { provider: 'tencent'; secretId: string; secretKey: string; appId: string; signName: string; templates: TemplateMap; region: string; endpoint: string }
  | { provider: 'twilio'; accountSid: string; authToken: string; from: string; endpoint: string };

export interface SmsGatewayConfig {
  inbound: SmsInboundGateways;
  /** Unset: the outbox's SMS go to the generic provider (webhook or log). */
  sender: SmsSenderConfig | undefined;
}

/** Thrown with the variable's name; config.ts turns it into its start-up error. */
export class SmsGatewayConfigError extends Error {}

/** `code=number,code=number,*=number`: codes are digits (or empty, for "no code"); numbers as the lines are published. */
export function parseCodeMap(name: string, value: string | undefined, codeRule: RegExp): { codes: Record<string, string>; fallback: string | undefined } {
  const codes: Record<string, string> = {};
  let fallback: string | undefined;
  for (const entry of (value ?? '').split(',').map((e) => e.trim()).filter((e) => e.length > 0)) {
    const at = entry.indexOf('=');
    const code = at < 0 ? '' : entry.slice(0, at).trim();
    const target = at < 0 ? '' : entry.slice(at + 1).trim();
    if (target.length === 0 || (code !== '*' && !codeRule.test(code))) {
      throw new SmsGatewayConfigError(`${name}: "${entry}" is not code=value (codes: ${codeRule.source}, or * for the rest)`);
    }
    if (code === '*') fallback = target;
    else codes[code] = target;
  }
  return { codes, fallback };
}

function parseAllowList(value: string | undefined): BlockList | undefined {
  const entries = (value ?? '').split(',').map((e) => e.trim()).filter((e) => e.length > 0);
  if (entries.length === 0) return undefined;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (family === 0 || extra !== undefined || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) {
      throw new SmsGatewayConfigError(`SMS_PUSH_ALLOWED_IPS: "${entry}" is no address or CIDR`);
    }
    list.addSubnet(address, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

function need<T>(value: T | undefined, name: string, provider: string): T {
  if (value === undefined) throw new SmsGatewayConfigError(`${name}: required when SMS_PROVIDER=${provider}`);
  return value;
}

function senderFrom(e: SmsGatewayEnv): SmsSenderConfig | undefined {
  const templates = (): TemplateMap => {
    const map = parseCodeMap('SMS_TEMPLATES', e.SMS_TEMPLATES, /^[\w-]{1,60}$/);
    if (Object.keys(map.codes).length === 0 && map.fallback === undefined) throw new SmsGatewayConfigError(`SMS_TEMPLATES: required when SMS_PROVIDER=${e.SMS_PROVIDER}`);
    return map;
  };
  switch (e.SMS_PROVIDER) {
    case undefined:
      return undefined;
    case 'aliyun':
      return {
        provider: 'aliyun', accessKeyId: need(e.ALIYUN_ACCESS_KEY_ID, 'ALIYUN_ACCESS_KEY_ID', 'aliyun'), accessKeySecret: need(e.ALIYUN_ACCESS_KEY_SECRET, 'ALIYUN_ACCESS_KEY_SECRET', 'aliyun'),
        signName: need(e.SMS_SIGN_NAME, 'SMS_SIGN_NAME', 'aliyun'), templates: templates(), templateParam: e.SMS_TEMPLATE_PARAM, endpoint: e.ALIYUN_SMS_ENDPOINT,
      };
    case 'tencent':
      return {
        provider: 'tencent', secretId: need(e.TENCENT_SECRET_ID, 'TENCENT_SECRET_ID', 'tencent'), secretKey: need(e.TENCENT_SECRET_KEY, 'TENCENT_SECRET_KEY', 'tencent'),
        appId: need(e.TENCENT_SMS_APP_ID, 'TENCENT_SMS_APP_ID', 'tencent'), signName: need(e.SMS_SIGN_NAME, 'SMS_SIGN_NAME', 'tencent'), templates: templates(),
        region: e.TENCENT_SMS_REGION, endpoint: e.TENCENT_SMS_ENDPOINT,
      };
    case 'twilio':
      return {
        provider: 'twilio', accountSid: need(e.TWILIO_ACCOUNT_SID, 'TWILIO_ACCOUNT_SID', 'twilio'), authToken: need(e.TWILIO_AUTH_TOKEN, 'TWILIO_AUTH_TOKEN', 'twilio'),
        from: need(e.TWILIO_FROM, 'TWILIO_FROM', 'twilio'), endpoint: e.TWILIO_API_BASE,
      };
  }
}

/** Reads the parsed variables; `publicBaseUrl` is where Twilio reaches us unless TWILIO_WEBHOOK_BASE_URL says otherwise. */
export function smsGatewayConfigFrom(e: SmsGatewayEnv, publicBaseUrl: string | undefined): SmsGatewayConfig {
  const digits = /^\d{0,20}$/;
  return {
    inbound: {
      aliyun: e.SMS_ALIYUN_PUSH_TOKEN ? { token: e.SMS_ALIYUN_PUSH_TOKEN, destCodes: parseCodeMap('SMS_ALIYUN_DEST_CODES', e.SMS_ALIYUN_DEST_CODES, digits) } : undefined,
      tencent: e.SMS_TENCENT_PUSH_TOKEN ? { token: e.SMS_TENCENT_PUSH_TOKEN, extendCodes: parseCodeMap('SMS_TENCENT_EXTEND_CODES', e.SMS_TENCENT_EXTEND_CODES, digits) } : undefined,
      twilio: e.TWILIO_AUTH_TOKEN ? { authToken: e.TWILIO_AUTH_TOKEN, webhookBaseUrl: (e.TWILIO_WEBHOOK_BASE_URL ?? publicBaseUrl)?.replace(/\/+$/, '') } : undefined,
      pushAllowedIps: parseAllowList(e.SMS_PUSH_ALLOWED_IPS),
    },
    sender: senderFrom(e),
  };
}

/** Nothing open, nothing sent: the default of a fresh install and of most tests. */
export const NO_SMS_GATEWAYS: SmsGatewayConfig = {
  inbound: { aliyun: undefined, tencent: undefined, twilio: undefined, pushAllowedIps: undefined },
  sender: undefined,
};
