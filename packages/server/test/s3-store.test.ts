import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { AwsV4Signer } from 'aws4fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3AttachmentStore } from '../src/modules/attachments/s3-store.js';

/**
 * The S3 adapter (ADR 0035). No S3-compatible server is installed here (none well kept ships
 * through npm), so this checks the signing, not a real bucket: an independent Signature V4
 * written from AWS's specification reproduces AWS's documented example, and then verifies every
 * request the adapter sends to a small HTTP server in this test, which keeps objects in memory.
 * Not exercised: a real S3, MinIO or Ceph (their errors, redirects, multipart uploads, TLS).
 */
const EXAMPLE = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  // "Example: GET Object" in AWS's Signature Version 4 documentation for S3 (header-based auth).
  signature: 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
  emptyHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
};

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();
const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** Signature V4 from the specification: canonical request, string to sign, derived key. */
function signatureV4(o: { method: string; path: string; headers: Record<string, string>; signedHeaders: string[]; payloadHash: string; amzDate: string; region: string; secret: string }): string {
  const canonicalHeaders = o.signedHeaders.map((h) => `${h}:${(o.headers[h] ?? '').trim()}\n`).join('');
  const canonicalRequest = [o.method, o.path, '', canonicalHeaders, o.signedHeaders.join(';'), o.payloadHash].join('\n');
  const day = o.amzDate.slice(0, 8);
  const scope = `${day}/${o.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', o.amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${o.secret}`, day), o.region), 's3'), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex');
}

describe('S3 request signing (AWS Signature Version 4)', () => {
  const example = {
    method: 'GET', path: '/test.txt', region: 'us-east-1', amzDate: '20130524T000000Z', payloadHash: EXAMPLE.emptyHash, secret: EXAMPLE.secretAccessKey,
    headers: { host: 'examplebucket.s3.amazonaws.com', range: 'bytes=0-9', 'x-amz-content-sha256': EXAMPLE.emptyHash, 'x-amz-date': '20130524T000000Z' },
    signedHeaders: ['host', 'range', 'x-amz-content-sha256', 'x-amz-date'],
  };

  it('the checker written from the specification reproduces AWS\'s documented example', () => {
    expect(signatureV4(example)).toBe(EXAMPLE.signature);
  });

  it('aws4fetch, which the adapter signs with, reproduces it too', async () => {
    const signer = new AwsV4Signer({
      method: 'GET', url: 'https://examplebucket.s3.amazonaws.com/test.txt', headers: { range: 'bytes=0-9', 'x-amz-content-sha256': EXAMPLE.emptyHash },
      accessKeyId: EXAMPLE.accessKeyId, secretAccessKey: EXAMPLE.secretAccessKey, service: 's3', region: 'us-east-1', datetime: '20130524T000000Z', allHeaders: true,
    });
    const signed = await signer.sign();
    expect(signed.headers.get('authorization')).toBe(
      `AWS4-HMAC-SHA256 Credential=${EXAMPLE.accessKeyId}/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=${EXAMPLE.signature}`,
    );
  });
});

describe('S3 attachment store against a signature-checking HTTP server', () => {
  const secret = 'test-secret-key-0123456789';
  const objects = new Map<string, { body: Buffer; type: string }>();
  const seen: Array<{ method: string; path: string; verified: boolean }> = [];
  let server: Server;
  let endpoint = '';

  const readBody = async (req: IncomingMessage): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };

  /** What S3 checks: the signature over the signed headers, and that the body is the one whose hash was signed. */
  function verify(req: IncomingMessage, body: Buffer): boolean {
    const auth = req.headers.authorization ?? '';
    const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(auth);
    if (!m || m[1] !== 'test-access') return false;
    const signedHeaders = (m[4] ?? '').split(';');
    if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date') || !signedHeaders.includes('x-amz-content-sha256')) return false;
    const payloadHash = String(req.headers['x-amz-content-sha256']);
    if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256(body)) return false;
    const headers = Object.fromEntries(signedHeaders.map((h) => [h, String(req.headers[h] ?? '')]));
    const expected = signatureV4({
      method: req.method ?? '', path: (req.url ?? '').split('?')[0] ?? '', headers, signedHeaders, payloadHash,
      amzDate: String(req.headers['x-amz-date']), region: m[3] ?? '', secret,
    });
    return expected === m[5];
  }

  beforeAll(async () => {
    server = createServer((req, res) => {
      void (async () => {
        const body = await readBody(req);
        const path = req.url ?? '';
        const verified = verify(req, body);
        seen.push({ method: req.method ?? '', path, verified });
        if (!verified) return res.writeHead(403).end('<Error><Code>SignatureDoesNotMatch</Code></Error>');
        if (req.method === 'PUT') {
          objects.set(path, { body, type: String(req.headers['content-type']) });
          return res.writeHead(200).end();
        }
        const found = objects.get(path);
        if (req.method === 'DELETE') {
          objects.delete(path);
          return res.writeHead(204).end();
        }
        if (!found) return res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
        return res.writeHead(200, { 'content-type': found.type }).end(found.body);
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('puts, gets and deletes with path-style URLs, every request signed and its body hash checked', async () => {
    const store = s3AttachmentStore({ endpoint, bucket: 'openline-attachments', region: 'cn-north-1', accessKeyId: 'test-access', secretAccessKey: secret });
    const key = '2026/12/0b6f1d2e-1111-4a4a-8b8b-123456789abc';
    const bytes = Buffer.from('a photo of a pothole, more or less');
    await store.put(key, bytes, 'image/jpeg');
    expect(objects.get(`/openline-attachments/${key}`)).toEqual({ body: bytes, type: 'image/jpeg' });
    const stream = await store.get(key);
    expect(stream).not.toBeNull();
    if (stream) expect(await text(stream)).toBe(bytes.toString());
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await store.delete(key); // a key that holds nothing is no error
    expect(seen.map((s) => [s.method, s.verified])).toEqual([['PUT', true], ['GET', true], ['DELETE', true], ['GET', true], ['DELETE', true]]);
  });

  it('fails loudly on a wrong secret (403 from the server), and never names a path outside its keys', async () => {
    const wrong = s3AttachmentStore({ endpoint, bucket: 'openline-attachments', region: 'cn-north-1', accessKeyId: 'test-access', secretAccessKey: 'not-the-secret' });
    await expect(wrong.put('2026/12/0b6f1d2e-1111-4a4a-8b8b-123456789abc', Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/S3 PUT failed: 403/);
    await expect(wrong.get('../../etc/passwd')).rejects.toThrow(/not an attachment key/);
  });
});
