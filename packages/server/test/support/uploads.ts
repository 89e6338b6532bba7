import sharp from 'sharp';

/** A real JPEG made here, optionally carrying GPS EXIF (as a phone writes it) and the camera's owner. */
export async function photo(options: { width?: number; height?: number; gps?: boolean; color?: string } = {}): Promise<Buffer> {
  const image = sharp({ create: { width: options.width ?? 640, height: options.height ?? 480, channels: 3, background: options.color ?? '#3a7' } }).jpeg({ quality: 90 });
  if (!options.gps) return image.toBuffer();
  return image
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Phone 12', Artist: 'Zhang San' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 1200/100' },
    })
    .toBuffer();
}

export async function png(): Promise<Buffer> {
  return sharp({ create: { width: 200, height: 100, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.5 } } }).png().toBuffer();
}

/** A minimal PDF: magic bytes and an object or two, as a scanner writes. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/**
 * Tags of an EXIF block's first directory (IFD0), from the bytes sharp reports as `metadata().exif`
 * ("Exif\0\0" and a TIFF header). 0x8825 is the pointer to the GPS directory: its presence is
 * what "the photo carries a location" means here.
 */
export function exifTags(exif: Buffer | undefined): number[] {
  if (!exif) return [];
  const tiff = exif.subarray(exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0);
  const little = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (o: number): number => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number): number => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd0 = u32(4);
  const count = u16(ifd0);
  return Array.from({ length: count }, (_, i) => u16(ifd0 + 2 + i * 12));
}
export const GPS_POINTER = 0x8825;

/** A multipart body as a browser's FormData makes it: text fields first, then the file. */
export async function multipart(
  file: { bytes: Buffer; name?: string; type?: string } | null,
  fields: Record<string, string> = {},
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'image/jpeg' }), file.name ?? 'photo.jpg');
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type') ?? '' } };
}
