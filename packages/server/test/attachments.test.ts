import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCase } from '../src/modules/cases/open-case.js';
import { hashTrackingCode, trackingKeys } from '../src/modules/cases/tracking.js';
import { createLine } from '../src/modules/org/service.js';
import type { AttachmentSettings } from '../src/modules/attachments/settings.js';
import { localAttachmentStore } from '../src/modules/attachments/store.js';
import { sweepPendingAttachments } from '../src/modules/attachments/sweep.js';
import { storeUpload } from '../src/modules/attachments/upload.js';
import { fileAppeal, login, seedFixture, submitAppeal, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';
import { exifTags, GPS_POINTER, multipart, PDF, photo, png } from './support/uploads.js';

type Json = Record<string, unknown>;
interface Tracked { attachments: Array<{ id: string; own: boolean; hasThumbnail: boolean }> }
interface Listed { items: Array<Json & { id: string; visibility: string; name: string; sha256: string; uploaderKind: string }>; withheld: number; mayUpload: string[] }

const LIMITS = { maxBytes: 400_000, maxPerCase: 8, maxPerAppeal: 3, appealWindowMinutes: 30 };

/**
 * Attachments (issue 12 §5, ADR 0035), through real HTTP on a real database and a real store
 * directory: a citizen's photo through the tracking code (EXIF and GPS stripped unless shared),
 * sniffing and limits, staff documents and proof, who sees what (tip-line reporters' photos
 * included), audited downloads, publishing to the tracking page, and the sweep of half-stored uploads.
 */
describeDb(`attachments (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  let dir = '';
  let settings: AttachmentSettings;
  const cookies: Record<string, string> = {};
  let appeal = { caseNumber: '', trackingCode: '' };
  let appealCaseId = '';

  const upload = async (url: string, file: { bytes: Buffer; name?: string; type?: string } | null, fields: Record<string, string> = {}, who?: string) => {
    const body = await multipart(file, fields);
    const headers: Record<string, string> = { ...body.headers, ...(who ? { cookie: cookies[who] ?? '', 'x-openline-upload': '1' } : {}) };
    const res = await t.app.inject({ method: 'POST', url, headers, payload: body.payload });
    return { status: res.statusCode, body: res.json() as Json & { error?: { code: string } }, raw: res.body };
  };
  const get = async (url: string, who?: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: who ? { cookie: cookies[who] ?? '' } : {} });
    return { status: res.statusCode, bytes: res.rawPayload, headers: res.headers, json: () => res.json() as Json };
  };
  const publicUrl = (code: string, id = '') => `/api/v1/public/appeals/${code}/files${id ? `/${id}` : ''}`;
  const track = async (code: string): Promise<Tracked> => (await get(`/api/v1/public/appeals/${code}`)).json() as unknown as Tracked;
  const list = async (who: string, caseId: string): Promise<Listed> => {
    const res = await get(`/api/v1/cases/${caseId}/attachments`, who);
    expect(res.status, JSON.stringify(res.json())).toBe(200);
    return res.json() as unknown as Listed;
  };
  const openPhoneCase = async (extra: { lineId?: string } = {}) =>
    (await openCase(t.ctx, {
      jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content: '小区门口井盖缺失。', callerPhone: '+8613800001234',
      actor: { kind: 'staff', userId: f.users.operator }, ...extra,
    })).id;
  const dispatchToHousing = async (caseId: string) =>
    t.ctx.db.updateTable('cases').set({ status: 'dispatched', lead_unit_id: f.units.housing }).where('id', '=', caseId).execute();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'openline-attach-test-'));
    settings = { store: localAttachmentStore(dir), limits: LIMITS };
    t = await createTestContext({ attachments: settings });
    f = await seedFixture(t.ctx);
    for (const u of ['operator', 'handler', 'transport-handler', 'supervisor', 'housing-supervisor', 'official', 'admin']) cookies[u] = await login(t.app, u);
    appeal = await submitAppeal(t.app, { name: '王女士', phone: '13800002222', content: '小区门口的路灯坏了一个月，晚上很黑。' });
    appealCaseId = (await t.ctx.db.selectFrom('cases').select('id').where('case_number', '=', appeal.caseNumber).executeTakeFirstOrThrow()).id;
  }, 120_000);
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('re-encodes a citizen\'s photo without its EXIF and GPS, shows it to them on the tracking page, with a thumbnail', async () => {
    const original = await photo({ gps: true, width: 3000, height: 2000 });
    expect(exifTags((await sharp(original).metadata()).exif)).toContain(GPS_POINTER);
    const res = await upload(publicUrl(appeal.trackingCode), { bytes: original, name: '王芳-家门口.jpg' });
    expect(res.status, res.raw).toBe(201);
    const id = String(res.body['id']);
    expect(res.body).toMatchObject({ kind: 'photo', own: true, hasThumbnail: true, contentType: 'image/jpeg' });

    const file = await get(publicUrl(appeal.trackingCode, id));
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    const meta = await sharp(file.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(2560);
    expect(file.bytes.equals(original)).toBe(false);
    expect(file.bytes.toString('latin1')).not.toContain('Zhang San');

    const thumb = await get(`${publicUrl(appeal.trackingCode, id)}/thumbnail`);
    expect(thumb.status).toBe(200);
    const thumbMeta = await sharp(thumb.bytes).metadata();
    expect(Math.max(thumbMeta.width ?? 0, thumbMeta.height ?? 0)).toBeLessThanOrEqual(320);
    expect(thumbMeta.exif).toBeUndefined();

    expect((await track(appeal.trackingCode)).attachments.map((a) => a.id)).toEqual([id]);
    // Staff see it under a number, not under the name the citizen's phone gave it; the hash is of what is stored.
    const staff = await list('operator', appealCaseId);
    const item = staff.items.find((i) => i.id === id);
    expect(item?.name).toBe('photo-1.jpg');
    expect(JSON.stringify(staff)).not.toContain('王芳');
    const row = await t.ctx.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.original_name_sealed).not.toContain('王芳');
    expect(t.ctx.pii.decrypt(row.original_name_sealed)).toBe('王芳-家门口.jpg');
    const { createHash } = await import('node:crypto');
    expect(item?.sha256).toBe(createHash('sha256').update(file.bytes).digest('hex'));
  });

  it('keeps the location only when the citizen chose to share it', async () => {
    const res = await upload(publicUrl(appeal.trackingCode), { bytes: await photo({ gps: true }) }, { shareLocation: 'true' });
    expect(res.status, res.raw).toBe(201);
    const file = await get(publicUrl(appeal.trackingCode, String(res.body['id'])));
    expect(exifTags((await sharp(file.bytes).metadata()).exif)).toContain(GPS_POINTER);
    const thumb = await get(`${publicUrl(appeal.trackingCode, String(res.body['id']))}/thumbnail`);
    expect((await sharp(thumb.bytes).metadata()).exif).toBeUndefined();
    const staff = await list('operator', appealCaseId);
    expect(staff.items.find((i) => i.id === res.body['id'])?.['locationKept']).toBe(true);
  });

  it('sniffs the bytes, not the name or the content type, and refuses anything else with stable codes', async () => {
    const url = publicUrl(appeal.trackingCode);
    const svg = await upload(url, { bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), name: 'a.jpg', type: 'image/jpeg' });
    expect([svg.status, svg.body.error?.code]).toEqual([415, 'ATTACHMENT_TYPE_NOT_ALLOWED']);
    const pdf = await upload(url, { bytes: PDF, name: 'a.jpg' });
    expect([pdf.status, pdf.body.error?.code]).toEqual([415, 'ATTACHMENT_TYPE_NOT_ALLOWED']);
    const corrupt = await upload(url, { bytes: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 7)]) });
    expect([corrupt.status, corrupt.body.error?.code]).toEqual([400, 'ATTACHMENT_UNREADABLE']);
    const big = await upload(url, { bytes: Buffer.concat([await photo(), Buffer.alloc(LIMITS.maxBytes)]) });
    expect([big.status, big.body.error?.code]).toEqual([413, 'ATTACHMENT_TOO_LARGE']);
    const none = await upload(url, null, { public: 'true' });
    expect([none.status, none.body.error?.code]).toEqual([400, 'ATTACHMENT_MISSING']);
    const json = await t.app.inject({ method: 'POST', url, payload: { file: 'x' } });
    expect([json.statusCode, json.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const body = await multipart({ bytes: await photo() });
    const truncated = await t.app.inject({ method: 'POST', url, headers: body.headers, payload: body.payload.subarray(0, body.payload.length - 400) });
    expect(truncated.statusCode).toBeGreaterThanOrEqual(400);
    expect(truncated.statusCode).toBeLessThan(500);
    const unknown = await upload(publicUrl('NOTACODE1234'), { bytes: await photo() });
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, 'APPEAL_NOT_FOUND']);
    // Nothing refused was kept, neither as a row nor as bytes.
    expect(await t.ctx.db.selectFrom('attachments').select('id').where('case_id', '=', appealCaseId).execute()).toHaveLength(2);
  });

  it('limits photos per appeal, and closes the window after filing', async () => {
    const third = await upload(publicUrl(appeal.trackingCode), { bytes: await png() }, { public: 'true' });
    expect(third.status, third.raw).toBe(201);
    const fourth = await upload(publicUrl(appeal.trackingCode), { bytes: await photo() });
    expect([fourth.status, fourth.body.error?.code]).toEqual([409, 'ATTACHMENT_LIMIT_REACHED']);

    const late = await submitAppeal(t.app, { name: '赵先生', phone: '13800003333', content: '公园长椅损坏，需要维修。' });
    await t.ctx.db.updateTable('cases').set({ created_at: new Date(Date.now() - 31 * 60_000).toISOString() }).where('case_number', '=', late.caseNumber).execute();
    const closed = await upload(publicUrl(late.trackingCode), { bytes: await photo() });
    expect([closed.status, closed.body.error?.code]).toEqual([409, 'ATTACHMENT_WINDOW_CLOSED']);
  });

  it('takes a photo for a case an older server keyed by the bare hash, and shows it to that citizen as their own (ADR 0077)', async () => {
    const older = await submitAppeal(t.app, { name: '钱先生', phone: '13800004444', content: '人行道的地砖翘起来了，容易绊倒。' });
    const [current, legacy] = trackingKeys(older.trackingCode);
    const moved = await t.ctx.db.updateTable('cases').set({ tracking_code_hash: legacy }).where('tracking_code_hash', '=', current).executeTakeFirst();
    expect(Number(moved.numUpdatedRows)).toBe(1);
    const res = await upload(publicUrl(older.trackingCode), { bytes: await photo() });
    expect(res.status, res.raw).toBe(201);
    const id = String(res.body['id']);
    const stored = await t.ctx.db.selectFrom('attachments').select('citizen_code_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.citizen_code_hash).toBe(legacy);
    expect((await track(older.trackingCode)).attachments.map((a) => [a.id, a.own])).toEqual([[id, true]]);
    expect((await get(publicUrl(older.trackingCode, id))).status).toBe(200);
  });

  it('holds the per-case limit when uploads race', async () => {
    const caseId = await openPhoneCase();
    await dispatchToHousing(caseId);
    const bytes = await photo({ width: 200, height: 200 });
    const results = await Promise.all(
      Array.from({ length: LIMITS.maxPerCase + 3 }, () => upload(`/api/v1/cases/${caseId}/attachments`, { bytes }, { kind: 'proof' }, 'handler')),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(LIMITS.maxPerCase);
    expect(results.filter((r) => r.status !== 201).every((r) => r.body.error?.code === 'ATTACHMENT_LIMIT_REACHED')).toBe(true);
    expect((await list('handler', caseId)).items).toHaveLength(LIMITS.maxPerCase);
  });

  it('takes documents (PDF) and proof of work from staff, by role, with the CSRF header', async () => {
    const caseId = await openPhoneCase();
    await dispatchToHousing(caseId);
    const url = `/api/v1/cases/${caseId}/attachments`;
    const doc = await upload(url, { bytes: PDF, name: '施工许可证.pdf', type: 'application/pdf' }, { kind: 'document' }, 'operator');
    expect(doc.status, doc.raw).toBe(201);
    expect(doc.body).toMatchObject({ kind: 'document', contentType: 'application/pdf', name: '施工许可证.pdf', hasThumbnail: false, visibility: 'internal' });
    const pdfFile = await get(`${url}/${String(doc.body['id'])}`, 'operator');
    expect(pdfFile.headers['content-disposition']).toMatch(/^attachment;/);
    expect(pdfFile.headers['content-security-policy']).toContain('sandbox');
    expect(pdfFile.bytes.equals(PDF)).toBe(true);

    const operatorProof = await upload(url, { bytes: await photo() }, { kind: 'proof' }, 'operator');
    expect([operatorProof.status, operatorProof.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    const proof = await upload(url, { bytes: await photo({ gps: true }) }, { kind: 'proof', public: 'true' }, 'handler');
    expect(proof.status, proof.raw).toBe(201);
    expect(proof.body).toMatchObject({ kind: 'proof', visibility: 'public', locationKept: false, uploaderName: 'handler' });
    expect((await get(`${url}/${String(proof.body['id'])}`, 'handler').then((r) => sharp(r.bytes).metadata())).exif).toBeUndefined();
    const official = await upload(url, { bytes: await photo() }, { kind: 'document' }, 'official');
    expect(official.status).toBe(403);
    const outsider = await upload(url, { bytes: await photo() }, { kind: 'document' }, 'transport-handler');
    expect([outsider.status, outsider.body.error?.code]).toEqual([404, 'CASE_NOT_FOUND']);
    const badKind = await upload(url, { bytes: await photo() }, { kind: 'selfie' }, 'handler');
    expect([badKind.status, badKind.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);

    // A signed-in multipart write without the header is what a cross-site form would send.
    const body = await multipart({ bytes: await photo() }, { kind: 'document' });
    const forged = await t.app.inject({ method: 'POST', url, headers: { ...body.headers, cookie: cookies['operator'] ?? '' }, payload: body.payload });
    expect([forged.statusCode, forged.json().error.code]).toEqual([403, 'CSRF_REJECTED']);
  });

  it('audits downloads of what is not public, and lets only the hotline publish a citizen\'s photo with their consent', async () => {
    await dispatchToHousing(appealCaseId);
    const staff = await list('operator', appealCaseId);
    const proposed = staff.items.find((i) => i.visibility === 'proposed');
    const internal = staff.items.find((i) => i.visibility === 'internal' && i.uploaderKind === 'citizen');
    if (!proposed || !internal) throw new Error('fixture photos missing');

    const audits = async () => t.ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'attachment.download').execute();
    const before = (await audits()).length;
    expect((await get(`/api/v1/cases/${appealCaseId}/attachments/${internal.id}`, 'operator')).status).toBe(200);
    expect((await get(`/api/v1/cases/${appealCaseId}/attachments/${internal.id}/thumbnail`, 'operator')).status).toBe(200);
    const after = await audits();
    expect(after).toHaveLength(before + 1);
    expect(String(after.at(-1)?.detail)).toContain(internal.id);

    const patch = (who: string, id: string, visibility: string) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/cases/${appealCaseId}/attachments/${id}`, headers: { cookie: cookies[who] ?? '' }, payload: { visibility } });
    expect((await patch('handler', proposed.id, 'public')).statusCode).toBe(403);
    const refused = await patch('operator', internal.id, 'public');
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'VISIBILITY_NOT_ALLOWED']);

    // Another citizen following the case (a repeat appeal attached to it) sees only what is public.
    const repeat = await fileAppeal(t, { name: '王女士', phone: '13800002222', content: '小区门口的路灯坏了一个月了，晚上很黑。' });
    const other = repeat.json() as { outcome: string; trackingCode: string };
    expect(other.outcome).toBe('attached');
    expect((await track(other.trackingCode)).attachments).toEqual([]);
    expect((await get(publicUrl(other.trackingCode, proposed.id))).status).toBe(404);

    const approved = await patch('supervisor', proposed.id, 'public');
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await track(other.trackingCode)).attachments.map((a) => [a.id, a.own])).toEqual([[proposed.id, false]]);
    expect((await get(publicUrl(other.trackingCode, proposed.id))).status).toBe(200);
    expect((await audits()).length).toBe(before + 1);
    expect((await get(`/api/v1/cases/${appealCaseId}/attachments/${proposed.id}`, 'operator')).status).toBe(200);
    expect((await audits()).length).toBe(before + 1);
    expect(await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'attachment.visibility').execute()).toHaveLength(1);
  });

  it('shows a tip reporter\'s photos to the hotline centre\'s operators only; staff uploads follow the case (ADR 0006)', async () => {
    const tipLine = await createLine(t.ctx.db, {
      jurisdictionId: f.jurisdiction.id, number: '0000-22220000', name: '举报专线', ownerUserId: f.users.official, ownerTitle: '书记', mode: 'tip', isPublic: true,
      serviceHours: { weekly: {}, onHolidays: 'open' },
    });
    const caseId = await openPhoneCase({ lineId: tipLine.id });
    await dispatchToHousing(caseId);
    const row = await t.ctx.db.selectFrom('cases').select(['caller_protected', 'jurisdiction_id']).where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(row.caller_protected).toBe(1);
    const photoId = await storeUpload(t.ctx, settings, {
      caseId, jurisdictionId: row.jurisdiction_id, kind: 'photo', visibility: 'internal', citizenProposed: false,
      uploader: { kind: 'citizen', codeHash: hashTrackingCode('TIPCODE'), ip: '203.0.113.9' }, keepLocation: false,
    }, { bytes: await photo(), name: 'window.jpg' });
    const proof = await upload(`/api/v1/cases/${caseId}/attachments`, { bytes: await photo() }, { kind: 'proof', public: 'false' }, 'handler');
    expect(proof.status, proof.raw).toBe(201);
    const published = await upload(`/api/v1/cases/${caseId}/attachments`, { bytes: await photo() }, { kind: 'proof', public: 'true' }, 'handler');
    expect([published.status, published.body.error?.code]).toEqual([409, 'VISIBILITY_NOT_ALLOWED']);

    expect((await list('operator', caseId)).items.map((i) => i.id)).toContain(photoId);
    for (const who of ['handler', 'housing-supervisor', 'supervisor', 'admin', 'official']) {
      const seen = await list(who, caseId);
      expect(seen.items.map((i) => i.id), who).toEqual([proof.body['id']]);
      expect(seen.withheld, who).toBe(1);
      expect((await get(`/api/v1/cases/${caseId}/attachments/${photoId}`, who)).status, who).toBe(404);
      expect((await get(`/api/v1/cases/${caseId}/attachments/${photoId}/thumbnail`, who)).status, who).toBe(404);
    }
  });

  it('sweeps uploads a crash left half-stored: bytes and row', async () => {
    const caseId = await openPhoneCase();
    const id = '00000000-0000-4000-8000-000000000001';
    const key = `2020/01/${id}`;
    await settings.store.put(key, await photo(), 'image/jpeg');
    await t.ctx.db.insertInto('attachments').values({
      id, jurisdiction_id: f.jurisdiction.id, case_id: caseId, kind: 'document', state: 'pending', original_name_sealed: t.ctx.pii.encrypt('x'),
      sniffed_type: 'image/jpeg', content_type: 'image/jpeg', size_bytes: 1, sha256: '0', storage_key: key, thumbnail_key: null, width: null, height: null,
      visibility: 'internal', uploader_kind: 'staff', uploader_user_id: f.users.operator, citizen_code_hash: null, created_at: new Date(Date.now() - 2 * 3600_000).toISOString(),
    }).execute();
    expect(readdirSync(path.join(dir, '2020', '01'))).toContain(id);
    expect(await sweepPendingAttachments(t.ctx, settings.store)).toBe(1);
    expect(readdirSync(path.join(dir, '2020', '01'))).not.toContain(id);
    expect(await t.ctx.db.selectFrom('attachments').select('id').where('id', '=', id).execute()).toEqual([]);
    // Ready uploads are never swept, however old.
    expect(await sweepPendingAttachments(t.ctx, settings.store, new Date(Date.now() + 365 * 86_400_000))).toBe(0);
  });
});
