import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

/**
 * Text both databases can store, decided once at the edge (ADR 0011). PostgreSQL refuses
 * U+0000 in text (22021) where SQLite keeps it, and neither can keep an unpaired UTF-16
 * surrogate (pg re-encodes it as U+FFFD, so the stored text would differ from what was sent).
 * Rather than let the same request answer 500 on one database and 201 on the other, or strip
 * characters and store something the caller did not send, such a request is refused with
 * 400 VALIDATION_FAILED naming the field. Bodies that are not valid UTF-8 are refused too:
 * decoding them would silently turn bytes into U+FFFD.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this rule looks for.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE = 'must not contain NUL (U+0000) or unpaired surrogate characters';

/** Where in `value` the first unstorable string (or object key) sits, or null. Iterative: bodies may nest deeply. */
export function findUnstorableText(value: unknown, root = ''): string | null {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return path;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, path ? `${path}.${i}` : String(i)]));
    } else if (typeof v === 'object' && v !== null && !Buffer.isBuffer(v)) {
      for (const [key, item] of Object.entries(v)) {
        const at = path ? `${path}.${key}` : key;
        if (UNSTORABLE.test(key)) return at;
        stack.push([item, at]);
      }
    }
  }
  return null;
}

/** Throws 400 VALIDATION_FAILED when `value` holds text the databases cannot store as sent. */
export function assertStorableText(value: unknown, root = ''): void {
  const path = findUnstorableText(value, root);
  if (path !== null) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path, message: UNSTORABLE_TEXT_MESSAGE }]);
  }
}

const notUtf8 = (): AppError => new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'body', message: 'is not valid UTF-8' }]);

/** Decodes a raw body, refusing bytes that are not UTF-8 instead of replacing them with U+FFFD. */
export function decodeUtf8Body(raw: Buffer): string {
  if (!isUtf8(raw)) throw notUtf8();
  return raw.toString('utf8');
}

export function registerTextInputRule(app: FastifyInstance): void {
  // The default JSON parser, fed only bytes that are valid UTF-8 (it keeps its __proto__ checks).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    if (!isUtf8(body)) {
      done(notUtf8(), undefined);
      return;
    }
    parseJson(request, body.toString('utf8'), done);
  });
  // Query and path parameters reach SQL as text too; the SMS webhook checks its own raw body.
  // Callback-style: no promise per request on the surge path (issue 13 §1).
  app.addHook('preValidation', (request, _reply, done) => {
    try {
      assertStorableText(request.params);
      assertStorableText(request.query);
      assertStorableText(request.body);
    } catch (error) {
      done(error as Error);
      return;
    }
    done();
  });
}
