import { createHash } from 'node:crypto';
import { isImageType, type SniffedType } from '@openline/core';
import sharp from 'sharp';
import { AppError } from '../../errors.js';

/** Long side of a stored photo: plenty for a pothole, a fraction of a phone's 12 MP. */
const MAX_SIDE = 2560;
const THUMB_SIDE = 320;
/** A decompression bomb (a small file that decodes to gigapixels) stops here, before memory does. */
const MAX_INPUT_PIXELS = 50_000_000;

// Attachments are decoded one at a time per call; libvips' cache would only hold on to memory.
sharp.cache(false);

export interface StoredForm {
  data: Buffer;
  contentType: string;
  sha256: string;
  thumbnail: Buffer | null;
  width: number | null;
  height: number | null;
  /** The output still carries the input's EXIF (and so any GPS position): the citizen chose to share it. */
  locationKept: boolean;
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * What is stored for an upload. Images are decoded and re-encoded as JPEG: whatever a crafted
 * file carried (scripts in metadata, a polyglot tail, a malformed chunk aimed at some viewer)
 * does not survive, and EXIF — a phone photo's GPS position, its owner's name, the camera's
 * serial — is dropped unless the citizen chose to share the location, when the EXIF is kept as
 * taken. Orientation is applied first, so a photo dropped of its EXIF still stands upright.
 * PDFs (staff only) are kept as sent and only ever served as downloads.
 */
export async function storedForm(bytes: Buffer, type: SniffedType, options: { keepLocation: boolean }): Promise<StoredForm> {
  if (!isImageType(type)) {
    return { data: bytes, contentType: type, sha256: sha256(bytes), thumbnail: null, width: null, height: null, locationKept: false };
  }
  try {
    const source = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
    const hadExif = (await source.metadata()).exif !== undefined;
    let pipeline = source
      .clone()
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85 });
    if (options.keepLocation && hadExif) pipeline = pipeline.keepExif();
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    // From the re-encoded image, never with metadata: thumbnails appear on pages a photo's
    // location was not chosen for.
    const thumbnail = await sharp(data).resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer();
    return { data, contentType: 'image/jpeg', sha256: sha256(data), thumbnail, width: info.width, height: info.height, locationKept: options.keepLocation && hadExif };
  } catch (err) {
    throw new AppError('ATTACHMENT_UNREADABLE', 'The image could not be read', [{ path: 'file', message: err instanceof Error ? err.message.slice(0, 120) : 'unreadable' }]);
  }
}
