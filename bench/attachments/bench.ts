import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { storedForm } from '../../packages/server/src/modules/attachments/images.js';
import { localAttachmentStore } from '../../packages/server/src/modules/attachments/store.js';

export interface AttachmentBenchResult {
  width: number;
  height: number;
  inputBytes: number;
  outputBytes: number;
  thumbnailBytes: number;
  /** Re-encoding one photo (decode, orient, resize, JPEG, thumbnail), milliseconds. */
  reencode: { median: number; max: number };
  /** Writing the photo and its thumbnail to the local store. */
  store: { median: number; max: number };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const round = (x: number): number => Math.round(x * 10) / 10;

/**
 * What one citizen's photo costs the server: a phone-sized JPEG with GPS EXIF, noise so it
 * compresses like a photo rather than a flat colour, through storedForm and the local store.
 */
export async function runAttachmentBench(options: { width: number; height: number; runs: number }): Promise<AttachmentBenchResult> {
  const { width, height } = options;
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  const input = await sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' } })
    .toBuffer();
  const dir = mkdtempSync(path.join(tmpdir(), 'openline-bench-attach-'));
  const store = localAttachmentStore(dir);
  const reencode: number[] = [];
  const writes: number[] = [];
  let last: Awaited<ReturnType<typeof storedForm>> | undefined;
  try {
    for (let run = 0; run < options.runs; run++) {
      const t0 = performance.now();
      last = await storedForm(input, 'image/jpeg', { keepLocation: false });
      const t1 = performance.now();
      const key = `2026/01/${crypto.randomUUID()}`;
      await store.put(key, last.data, last.contentType);
      if (last.thumbnail) await store.put(`${key}.thumb`, last.thumbnail, 'image/jpeg');
      writes.push(performance.now() - t1);
      reencode.push(t1 - t0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    width, height, inputBytes: input.length, outputBytes: last?.data.length ?? 0, thumbnailBytes: last?.thumbnail?.length ?? 0,
    reencode: { median: round(median(reencode)), max: round(Math.max(...reencode)) },
    store: { median: round(median(writes)), max: round(Math.max(...writes)) },
  };
}
