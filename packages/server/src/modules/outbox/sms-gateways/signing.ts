import { createHash, createHmac } from 'node:crypto';

/**
 * Request signing of the SMS providers' send APIs, as pure functions of their inputs so that
 * tests check them against each provider's documented example (test/sms-gateway-signing.test.ts).
 */

/** Aliyun's POP percent-encoding: RFC 3986 unreserved characters kept, everything else %XX (space as %20, * as %2A, ~ kept). */
export function aliyunPercentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The canonicalised query: parameters sorted by name, each name=value percent-encoded, joined by &. */
export function aliyunCanonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k] ?? '')}`)
    .join('&');
}

/**
 * Aliyun RPC signature (SignatureVersion 1.0, HMAC-SHA1): base64 of HMAC-SHA1 keyed with
 * "<AccessKeySecret>&" over "<METHOD>&%2F&<percent-encoded canonical query>".
 */
export function aliyunRpcSignature(params: Readonly<Record<string, string>>, accessKeySecret: string, method: 'GET' | 'POST'): string {
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(aliyunCanonicalQuery(params))}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac256 = (key: Buffer | string, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  /** The product, e.g. `sms` (the first label of its host). */
  service: string;
  host: string;
  contentType: string;
  payload: string;
  /** Unix seconds; the credential's date is its UTC day. */
  timestamp: number;
}

/**
 * Tencent Cloud API 3.0 signature TC3-HMAC-SHA256 for a POST with a JSON body, signing the
 * content-type and host headers (the documented minimum).
 */
export function tc3Sign(o: Tc3Input): { authorization: string; signature: string; canonicalRequestHash: string } {
  const date = new Date(o.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host';
  const canonicalRequest = ['POST', '/', '', `content-type:${o.contentType.toLowerCase()}\nhost:${o.host.toLowerCase()}\n`, signedHeaders, sha256Hex(o.payload)].join('\n');
  const canonicalRequestHash = sha256Hex(canonicalRequest);
  const scope = `${date}/${o.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(o.timestamp), scope, canonicalRequestHash].join('\n');
  const signingKey = hmac256(hmac256(hmac256(`TC3${o.secretKey}`, date), o.service), 'tc3_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return {
    authorization: `TC3-HMAC-SHA256 Credential=${o.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    signature,
    canonicalRequestHash,
  };
}

/** Twilio's REST API: HTTP basic authentication with the account SID and auth token. */
export function twilioBasicAuth(accountSid: string, authToken: string): string {
  return `Basic ${Buffer.from(`${accountSid}:${authToken}`, 'utf8').toString('base64')}`;
}
