import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { ReceivedFile } from './upload.js';

/** Small text fields next to the file (kind, public, shareLocation): a few, short. */
const MAX_FIELDS = 6;
const MAX_FIELD_BYTES = 100;

export interface ReceivedUpload {
  file: ReceivedFile;
  fields: Record<string, string>;
}

const codeOf = (err: unknown): string | undefined => (typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined);

/**
 * Reads a multipart upload of one file (part name `file`) and a few text fields, as a stream with
 * limits: the parser stops reading at `maxBytes` (413 ATTACHMENT_TOO_LARGE) and at a second file,
 * and the whole request is consumed either way. Whatever else is wrong with the body — not
 * multipart, a broken boundary, a truncated stream — is a 4xx with a stable code, never a 500.
 */
export async function receiveUpload(request: FastifyRequest, maxBytes: number): Promise<ReceivedUpload> {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
  }
  const fields: Record<string, string> = {};
  let file: ReceivedFile | undefined;
  try {
    const parts = request.parts({ limits: { fileSize: maxBytes, files: 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_FIELDS + 1, headerPairs: 20 } });
    for await (const part of parts) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file') file = { bytes, name: part.filename };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    const code = codeOf(err);
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('ATTACHMENT_TOO_LARGE', `A file may be at most ${maxBytes} bytes`, [{ path: 'file', message: 'too large', issue: 'too_big', limit: maxBytes, origin: 'bytes' }]);
    }
    if (code === 'FST_FILES_LIMIT') throw new AppError('VALIDATION_FAILED', 'One file per request', [{ path: 'file', message: 'one file per request' }]);
    if (err instanceof AppError) throw err;
    throw new AppError('VALIDATION_FAILED', 'The upload could not be read', [{ path: 'body', message: code ?? (err instanceof Error ? err.message.slice(0, 100) : 'malformed multipart') }]);
  }
  if (!file || file.bytes.length === 0) throw new AppError('ATTACHMENT_MISSING', 'No file was sent (part name: file)', [{ path: 'file', message: 'required' }]);
  return { file, fields };
}

/** A checkbox field: "true"/"1"/"on" is yes, absent or anything else is no. */
export const flag = (value: string | undefined): boolean => value === 'true' || value === '1' || value === 'on';
