import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import { assertKey, type AttachmentStore } from './store.js';

export interface S3Settings {
  /** `https://s3.example.com` or a MinIO / Ceph / OSS endpoint; the bucket goes in the path. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * An S3-compatible bucket through aws4fetch (AWS Signature Version 4 over fetch; no SDK). Path-
 * style URLs (`endpoint/bucket/key`), which every S3-compatible server answers; the payload's
 * SHA-256 is signed on upload, so a proxy cannot change the bytes on the way.
 */
export function s3AttachmentStore(settings: S3Settings, fetchImpl: typeof fetch = fetch): AttachmentStore {
  const client = new AwsClient({ accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey, service: 's3', region: settings.region });
  const base = `${settings.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(settings.bucket)}`;
  const urlOf = (key: string): string => {
    assertKey(key);
    return `${base}/${key}`;
  };
  const send = async (url: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Response> => {
    const signed = await client.sign(url, init);
    return fetchImpl(signed);
  };
  const failure = async (res: Response, what: string): Promise<Error> =>
    new Error(`S3 ${what} failed: ${res.status} ${(await res.text()).slice(0, 200)}`);
  return {
    kind: 's3',
    async put(key, data, contentType) {
      const res = await send(urlOf(key), {
        method: 'PUT',
        body: data,
        headers: { 'content-type': contentType, 'x-amz-content-sha256': createHash('sha256').update(data).digest('hex') },
      });
      if (!res.ok) throw await failure(res, 'PUT');
      await res.arrayBuffer();
    },
    async get(key) {
      const res = await send(urlOf(key), { method: 'GET' });
      if (res.status === 404) {
        await res.arrayBuffer();
        return null;
      }
      if (!res.ok || !res.body) throw await failure(res, 'GET');
      return Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
    },
    async delete(key) {
      const res = await send(urlOf(key), { method: 'DELETE' });
      if (!res.ok && res.status !== 404) throw await failure(res, 'DELETE');
      await res.arrayBuffer();
    },
  };
}
