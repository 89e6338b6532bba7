// The accept path's own pieces, in-process, CPU per call (issue 13 §1, ADR 0067): what each step of
// POST /api/v1/public/appeals costs without HTTP or the database, so a cut shows beside the rest.
//   TSX_TSCONFIG_PATH=packages/server/test/tsconfig.json node --import tsx bench/intake/accept-pieces.ts [--n 20000] [--rounds 3]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { appealReceiptSchema, detectUrgency, normalizePhone, publicAppealInput } from '@openline/core';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { createPiiCipher } from '../../packages/server/src/crypto/pii.js';
import { hashTrackingCode, newTrackingCode } from '../../packages/server/src/modules/cases/tracking.js';
import { findUnstorableText } from '../../packages/server/src/plugins/text-input.js';
import { appealBodies } from './appeals.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '3' } } });
const n = Number(values.n);
const bodies = appealBodies(n, 7);
const parsed = bodies.map((b) => JSON.parse(b) as unknown);
const inputs = parsed.map((p) => publicAppealInput.parse(p));
const pii = createPiiCipher(randomBytes(32));
const answer = { schema: appealReceiptSchema, method: 'POST', url: '/api/v1/public/appeals', httpStatus: '201' };
const serialize = serializerCompiler(answer as never) as (d: unknown) => string;
const body = { schema: publicAppealInput, method: 'POST', url: '/api/v1/public/appeals', httpPart: 'body' };
const validateZod = validatorCompiler(body);
const receipt = { outcome: 'received', trackingCode: '0123456789ABCDEFGHJK' };

const pieces: Array<[string, (i: number) => unknown]> = [
  ['JSON.parse body', (i) => JSON.parse(bodies[i] ?? '')],
  ['findUnstorableText', (i) => findUnstorableText(parsed[i])],
  ['body: zod validator', (i) => validateZod(parsed[i])],
  ['normalizePhone', (i) => normalizePhone(inputs[i]?.phone ?? '')],
  ['detectUrgency (built-in)', (i) => detectUrgency(inputs[i]?.content ?? '')],
  ['newTrackingCode', () => newTrackingCode()],
  ['hashTrackingCode', () => hashTrackingCode('0123456789ABCDEFGHJK')],
  ['seal (JSON + AES-GCM)', (i) => pii.encrypt(JSON.stringify({ ...inputs[i], ip: '127.0.0.1', trackingCode: '0123456789ABCDEFGHJK' }))],
  ['new Date().toISOString()', () => new Date().toISOString()],
  ['201: zod serializer', () => serialize(receipt)],
];

for (let round = 0; round < Number(values.rounds); round++) {
  const line: string[] = [];
  for (const [name, f] of pieces) {
    const cpu = process.cpuUsage();
    for (let i = 0; i < n; i++) f(i);
    const used = process.cpuUsage(cpu);
    line.push(`${name} ${((used.user + used.system) / n).toFixed(2)}`);
  }
  console.log(`round ${round + 1} (µs CPU per call): ${line.join(' · ')}`);
}
