/**
 * A small, seeded generator of malformed requests from the app's own OpenAPI schemas (the fuzz
 * suite). Deterministic for a seed, so a failure printed with its seed replays exactly.
 */

/** The subset of JSON Schema the zod → OpenAPI transform emits. */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  additionalProperties?: Schema | boolean;
}

/** mulberry32: tiny, fast, and good enough to spread inputs. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const TEXT = ['测', '试', '路', '灯', 'a', 'Z', '0', '9', ' ', '-', '😡', 'é'];
const UNKNOWN_UUID = '9b2f6a0e-1c3d-4e5f-8a7b-6c5d4e3f2a1b';

/** Values that have broken servers before: wrong types, extremes, injection, odd Unicode. */
const HOSTILE: readonly unknown[] = [
  null, true, false, 0, -1, 1.5, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, '', ' ', '0', '-1', 'NaN', 'Infinity', '1e309',
  'a\u0000b', '\u0000', '\ud800', 'x\udfffy', '😡'.repeat(50), '<script>alert(1)</script>', "' OR 1=1 --", '../../etc/passwd',
  '%00', '2026-02-30', '9999-99-99T99:99:99Z', '0000-01-01T00:00:00Z', 'a'.repeat(5000), UNKNOWN_UUID,
  '00000000-0000-0000-0000-000000000000', [], [null], [[[]]], {}, { a: 1 }, ['x'.repeat(100)], Array.from({ length: 500 }, (_, i) => i),
];

function textOf(r: Rng, min: number, max: number): string {
  const n = min + r.int(Math.max(1, Math.min(max, min + 24) - min + 1));
  let s = '';
  while ([...s].length < n) s += r.pick(TEXT);
  return [...s].slice(0, n).join('');
}

/** A value that fits `schema` as well as a blind generator can (ids from the fixture). */
export function sampleValue(schema: Schema, r: Rng, ids: readonly string[], depth = 0): unknown {
  if (schema.enum) return r.pick(schema.enum);
  if (schema.anyOf) return sampleValue(r.pick(schema.anyOf), r, ids, depth);
  const type = Array.isArray(schema.type) ? r.pick(schema.type.filter((t) => t !== 'null')) : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return r.pick(ids);
      if (schema.format === 'date-time') return new Date(Date.now() + r.int(30) * 86_400_000).toISOString();
      if (schema.format === 'date') return `2026-${String(1 + r.int(12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')}`;
      return textOf(r, schema.minLength ?? 0, schema.maxLength ?? 40);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? 0;
      const max = schema.maximum ?? min + 100;
      return min + r.int(Math.min(max - min, 1000) + 1);
    }
    case 'boolean':
      return r.chance(0.5);
    case 'array': {
      const min = schema.minItems ?? 0;
      const n = min + r.int(Math.max(1, Math.min(schema.maxItems ?? min + 3, min + 3) - min + 1));
      return depth > 6 ? [] : Array.from({ length: n }, () => sampleValue(schema.items ?? {}, r, ids, depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(key) || r.chance(0.5)) out[key] = depth > 6 ? null : sampleValue(prop, r, ids, depth + 1);
      }
      return out;
    }
    default:
      return r.pick(HOSTILE.slice(0, 12));
  }
}

/** A hostile value, or a valid value of the wrong field (type confusion). */
export function hostileValue(r: Rng, ids: readonly string[]): unknown {
  return r.chance(0.8) ? r.pick(HOSTILE) : r.pick(ids);
}

/** Paths to every property, to pick one to break. */
function propertyPaths(schema: Schema, prefix: string[] = [], depth = 0): string[][] {
  if (depth > 3 || !schema.properties) return [];
  return Object.entries(schema.properties).flatMap(([key, prop]) => [[...prefix, key], ...propertyPaths(prop, [...prefix, key], depth + 1)]);
}

function setAt(target: unknown, path: string[], value: unknown, remove = false): void {
  let node = target as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1] ?? '';
  if (remove) delete node[last];
  // A copy: HOSTILE's objects are shared, and a later deeper path must not write into them
  // (that once made {} circular and failed the run with a random seed).
  else node[last] = structuredClone(value);
}

export interface BodyCase {
  kind: string;
  payload?: string | Buffer;
  contentType?: string;
}

const MARK = '"@@FUZZ@@"';
const DEEP = 10_000;

/** One request body: valid, broken in one field, or broken as a whole (bytes, type, size, depth). */
export function malformedBody(schema: Schema | undefined, r: Rng, ids: readonly string[]): BodyCase {
  const base = schema ? sampleValue(schema, r, ids) : {};
  const paths = schema ? propertyPaths(schema) : [];
  const field = paths.length > 0 ? r.pick(paths) : ['extra'];
  const withMark = (): string => {
    const copy = structuredClone(base);
    setAt(copy, field, '@@FUZZ@@');
    return JSON.stringify(copy);
  };
  const json = (payload: string | Buffer, kind: string): BodyCase => ({ kind, payload, contentType: 'application/json' });
  switch (r.int(16)) {
    case 0:
    case 1:
      return json(JSON.stringify(base), 'valid');
    case 2:
    case 3: {
      const copy = structuredClone(base);
      setAt(copy, field, hostileValue(r, ids));
      return json(JSON.stringify(copy), `hostile ${field.join('.')}`);
    }
    case 4: {
      const copy = structuredClone(base);
      setAt(copy, field, undefined, true);
      return json(JSON.stringify(copy), `missing ${field.join('.')}`);
    }
    case 5:
      return json(withMark().replace(MARK, JSON.stringify('a'.repeat(r.chance(0.3) ? 1 << 20 : 60_000))), `long string ${field.join('.')}`);
    case 6:
      return json(withMark().replace(MARK, r.chance(0.5) ? '['.repeat(DEEP) + ']'.repeat(DEEP) : '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP)), 'deep nesting');
    case 7:
      return json(withMark().replace(MARK, JSON.stringify(r.pick(['\u0000', 'x\u0000y', '\ud800', '\udc00x']))), `NUL or lone surrogate in ${field.join('.')}`);
    case 8: {
      const [head = '', tail = ''] = withMark().split('@@FUZZ@@');
      const bad = r.pick([[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf0, 0x28, 0x8c, 0x28], [0xc0, 0x80]]);
      return json(Buffer.concat([Buffer.from(head), Buffer.from(bad), Buffer.from(tail)]), 'invalid UTF-8');
    }
    case 9:
      return {
        kind: 'wrong content type',
        payload: r.chance(0.5) ? JSON.stringify(base) : 'a=1&b=%00',
        contentType: r.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16', 'application/jsonx', '']),
      };
    case 10:
      return json('', 'empty body');
    case 11:
      return json(r.pick(['null', '[]', '"x"', '123', '{', '{"a":1,}', 'true', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}']), 'not an object');
    case 12:
      return json(JSON.stringify({ ...(base as object), [`unknown${r.int(9)}`]: hostileValue(r, ids) }), 'unknown field');
    case 13:
      return json(JSON.stringify(hostileValue(r, ids)), 'hostile body');
    case 14:
      return { kind: 'no body' };
    default: {
      const copy = structuredClone(base);
      for (const p of paths) if (r.chance(0.3)) setAt(copy, p, hostileValue(r, ids));
      return json(JSON.stringify(copy), 'many hostile fields');
    }
  }
}

/** Query values: paging out of range, numbers that are not, bad encodings, repeats. */
const HOSTILE_QUERY = [
  '-1', '0', '-99999999999999999999', '99999999999999999999', '1e309', 'NaN', 'Infinity', '1.5', '', '%00', 'a%00b', '%FF%FE', '%E8%B7', '%',
  'a'.repeat(3000), '2026-02-30', 'true', '[]', '{}', 'null', UNKNOWN_UUID, '%ud800',
];

export function malformedQuery(params: ReadonlyArray<{ name: string; schema: Schema }>, r: Rng, ids: readonly string[]): string {
  const parts: string[] = [];
  for (const { name, schema } of params) {
    if (r.chance(0.4)) continue;
    if (r.chance(0.5)) parts.push(`${name}=${encodeURIComponent(String(sampleValue(schema, r, ids)))}`);
    else parts.push(`${name}=${r.pick(HOSTILE_QUERY)}`);
    if (r.chance(0.1)) parts.push(`${name}=${r.pick(HOSTILE_QUERY)}`);
  }
  if (r.chance(0.1)) parts.push(`${r.pick(['x', 'page', 'limit', '__proto__', 'constructor[prototype][x]'])}=${r.pick(HOSTILE_QUERY)}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** Path parameters: the right id (often), unknown, of the wrong kind, or not an id at all. */
export function malformedParam(valid: string, r: Rng, ids: readonly string[]): string {
  if (r.chance(0.45)) return encodeURIComponent(valid);
  return r.pick([
    UNKNOWN_UUID, '00000000-0000-0000-0000-000000000000', encodeURIComponent(r.pick(ids)), 'not-an-id', '%00', 'a%00b', '%FF%FE', '-1', '0',
    '99999999999999999999', 'a'.repeat(300), '%2E%2E%2F%2E%2E', '%20', encodeURIComponent('路灯'),
  ]);
}

const CRLF = '\r\n';
function multipartBytes(boundary: string, parts: Array<{ name: string; filename?: string; type?: string; body: Buffer | string }>): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}${CRLF}Content-Disposition: ${disposition}${CRLF}${p.type ? `Content-Type: ${p.type}${CRLF}` : ''}${CRLF}`));
    chunks.push(Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body));
    chunks.push(Buffer.from(CRLF));
  }
  chunks.push(Buffer.from(`--${boundary}--${CRLF}`));
  return Buffer.concat(chunks);
}

/**
 * One file upload (ADR 0035): well formed around a real small image, or broken as multipart
 * (boundary, truncation, extra files, hostile names and fields) or as a file (magic bytes over
 * garbage, a PNG header claiming gigapixels, empty, not an image at all).
 */
export function malformedUpload(image: Buffer, r: Rng): BodyCase {
  const boundary = `----fuzz${r.int(1_000_000)}`;
  const type = `multipart/form-data; boundary=${boundary}`;
  const file = (body: Buffer | string, filename = 'photo.jpg') => ({ name: 'file', filename, type: 'image/jpeg', body });
  const upload = (kind: string, parts: Parameters<typeof multipartBytes>[1], contentType = type): BodyCase => ({ kind, payload: multipartBytes(boundary, parts), contentType });
  const hugePng = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.from([0, 1, 0, 0, 0, 1, 0, 0, 8, 2, 0, 0, 0]), Buffer.alloc(64)]);
  switch (r.int(14)) {
    case 0:
      return upload('valid image', [{ name: 'kind', body: 'document' }, file(image)]);
    case 1:
      return upload('hostile file name', [file(image, r.pick(['../../etc/passwd', 'a\u0000b.jpg', '%00.jpg', 'x'.repeat(5000), '"; rm -rf /', '\ud800.jpg']))]);
    case 2:
      return upload('hostile fields', [{ name: r.pick(['kind', 'public', 'shareLocation', '__proto__', 'constructor']), body: r.pick(['\u0000', 'x'.repeat(2000), '{"a":1}', 'proof', 'true']) }, file(image)]);
    case 3:
      return upload('two files', [file(image), file(image, 'b.jpg')]);
    case 4:
      return upload('file under another name', [{ name: 'photo', filename: 'a.jpg', type: 'image/jpeg', body: image }]);
    case 5:
      return upload('magic bytes over garbage', [file(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(200 + r.int(2000), r.int(256))]))]);
    case 6:
      return upload('PNG claiming a huge size', [file(hugePng, 'big.png')]);
    case 7:
      return upload('empty file', [file(Buffer.alloc(0))]);
    case 8:
      return upload('not an image', [file(r.pick(['<svg onload=alert(1)>', 'PK\u0003\u0004zip', '%PDF-1.4 fake', 'MZ\u0090\u0000exe']))]);
    case 9: {
      const whole = multipartBytes(boundary, [file(image)]);
      return { kind: 'truncated', payload: whole.subarray(0, r.int(whole.length)), contentType: type };
    }
    case 10:
      return upload('wrong boundary', [file(image)], 'multipart/form-data; boundary=other');
    case 11:
      return upload('no boundary', [file(image)], 'multipart/form-data');
    case 12:
      return { kind: 'random bytes', payload: Buffer.from(Array.from({ length: r.int(3000) }, () => r.int(256))), contentType: type };
    default:
      return upload('many fields', Array.from({ length: 40 }, (_, i) => ({ name: `f${i}`, body: 'x' })));
  }
}
