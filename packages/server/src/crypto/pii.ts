import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync } from 'node:crypto';
import { randomBytesPooled } from '../lib/random-pool.js';

/**
 * Field-level encryption for personal data (phone, name, ID number, address). AES-256-GCM with
 * a fresh 96-bit IV per value; the stored string names the key id so keys can be rotated
 * without guessing which one sealed a row. The blind index is a keyed HMAC, so equal phone
 * numbers can be found (repeat callers) without storing the number or an unkeyed hash of it,
 * which a dictionary of all 10^11 mobile numbers would reverse in minutes.
 */
const FORMAT = 'v1';

export interface PiiCipher {
  readonly keyId: string;
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  blindIndex(value: string): string;
}

export function parseDataKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new Error('OPENLINE_DATA_KEY must be 32 bytes, given as base64 or 64 hex characters');
  }
  return key;
}

export function createPiiCipher(master: Buffer): PiiCipher {
  const encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'openline/pii/aes-256-gcm', 32));
  const macKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'openline/pii/blind-index', 32));
  const keyId = createHash('sha256').update('openline/key-id').update(master).digest('hex').slice(0, 8);

  return {
    keyId,
    encrypt(plain) {
      const iv = randomBytesPooled(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      // Binding the key id as associated data stops a value being replayed under another key id.
      cipher.setAAD(Buffer.from(keyId));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [FORMAT, keyId, iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(sealed) {
      const [format, id, iv, tag, body] = sealed.split('.');
      if (format !== FORMAT || iv === undefined || tag === undefined || body === undefined) {
        throw new Error('not an Openline sealed value');
      }
      if (id !== keyId) throw new Error(`value sealed with key ${id}, current key is ${keyId}`);
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(keyId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    blindIndex(value) {
      return createHmac('sha256', macKey).update(value).digest('hex');
    },
  };
}
