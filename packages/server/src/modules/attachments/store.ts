import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';

/**
 * Where attachment bytes live. The database keeps only the key. Local disk under the data
 * directory is the default (one machine, nothing to set up); an S3-compatible bucket is the
 * scale-out option when several web processes run on several machines (ADR 0035).
 */
export interface AttachmentStore {
  readonly kind: 'local' | 's3';
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The bytes as a stream, or null when the key holds nothing. */
  get(key: string): Promise<Readable | null>;
  /** Removing a key that holds nothing is not an error (the sweep may run twice). */
  delete(key: string): Promise<void>;
}

/** Keys are ours (`yyyy/mm/<uuid>[.thumb]`); anything else is a bug, never a path to follow. */
const KEY = /^[0-9]{4}\/[0-9]{2}\/[0-9a-f-]{36}(\.thumb)?$/;

export function assertKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`not an attachment key: ${JSON.stringify(key)}`);
}

export function newStorageKey(id: string, at: Date): string {
  return `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, '0')}/${id}`;
}

export function localAttachmentStore(root: string): AttachmentStore {
  const fileOf = (key: string): string => {
    assertKey(key);
    return path.join(root, ...key.split('/'));
  };
  return {
    kind: 'local',
    async put(key, data) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside and renamed: a reader never sees half a file, and a crash leaves only a
      // temporary file, never a key that looks stored.
      const temporary = `${file}.${randomBytes(6).toString('hex')}.part`;
      await writeFile(temporary, data, { mode: 0o600 });
      await rename(temporary, file);
    },
    async get(key) {
      const file = fileOf(key);
      const stream = createReadStream(file);
      return new Promise((resolve, reject) => {
        stream.once('open', () => resolve(stream));
        stream.once('error', (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? resolve(null) : reject(err)));
      });
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
