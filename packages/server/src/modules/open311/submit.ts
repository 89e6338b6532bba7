import {
  checkAttributeAnswers,
  checkLocation,
  collectAttributeInput,
  normalizePhone,
  open311CaseContent,
  type AttributeAnswer,
  type Open311Location,
} from '@openline/core';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../lib/app-context.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inTransaction } from '../../lib/unit-of-work.js';
import { appendAudit } from '../audit/repository.js';
import { findJurisdiction } from '../jurisdictions/repository.js';
import { enforcePublicLimit } from '../limits/service.js';
import { takeUnattendedContact } from '../unattended-intake/service.js';
import { findService } from './catalogue.js';
import { newAttachedRequestId, newRequestToken } from './ids.js';
import { authenticateKey } from './keys.js';
import { approximatePlace } from './presenter.js';
import { findJurisdictionByCode, insertRequest } from './repository.js';

/** The fields of a GeoReport v2 POST, as sent (form fields are strings; JSON clients may send numbers). */
export type Open311PostBody = Record<string, unknown>;

export interface PostedRequest {
  service_request_id: string;
  token: string;
  service_notice: string;
  account_id: string | null;
}

const bad = (description: string): AppError => new AppError('BAD_REQUEST', description);

/** A field as text: a string, a number written as JSON, or the first of repeated form fields. */
function field(body: Open311PostBody, name: string, max: number): string | undefined {
  const raw = body[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') throw bad(`${name} must be text`);
  const text = String(value).trim();
  if (text.length > max) throw bad(`${name} is longer than ${max} characters`);
  return text === '' ? undefined : text;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const URL_PATTERN = /^https?:\/\/\S+$/i;

/**
 * POST requests: a client application files a citizen's report. The key decides the
 * jurisdiction (a `jurisdiction_id` naming another is refused) and is counted per key (ADR 0007)
 * before any work. The report enters the same unattended intake as a web appeal (urgency,
 * duplicates, the service's category on the case) in one unit of work with its Open311 row, so
 * its id is known at once: the case number, or for a report attached to the same phone's open
 * case an id of its own that follows that case. Nobody is waiting on the other end to be told to
 * call 110, so an emergency opens an urgent case rather than being turned away.
 */
export async function submitRequest(ctx: AppContext, body: Open311PostBody, o: { ip: string }): Promise<PostedRequest[]> {
  const key = await authenticateKey(ctx, field(body, 'api_key', 200));
  const jurisdictionCode = field(body, 'jurisdiction_id', 100);
  if (jurisdictionCode) {
    const named = await findJurisdictionByCode(ctx.db, jurisdictionCode);
    if (!named) throw new AppError('NOT_FOUND', `jurisdiction_id ${jurisdictionCode} is not served here`);
    if (named.id !== key.jurisdictionId) throw new AppError('FORBIDDEN', 'api_key is not valid for this jurisdiction_id');
  }
  await enforcePublicLimit(ctx, { scope: 'open311PerKey', key: key.id });
  const jurisdiction = await jurisdictionOf(ctx, key.jurisdictionId);

  const code = field(body, 'service_code', 100);
  if (!code) throw bad('service_code is required');
  const service = await findService(ctx, jurisdiction.id, code);
  if (!service) throw bad(`service_code ${code} is not a service here`);

  const location = checkLocation({
    lat: field(body, 'lat', 40), long: field(body, 'long', 40), addressString: field(body, 'address_string', 500), addressId: field(body, 'address_id', 200),
  });
  if (!location.ok) throw bad(location.message);
  const answers = checkAttributeAnswers(service.attributes, collectAttributeInput(body));
  if (!answers.ok) throw new AppError('BAD_REQUEST', answers.errors.map((e) => e.message).join('; '), answers.errors.map((e) => ({ path: `attribute[${e.code}]`, message: e.message })));

  const reporter = reporterOf(body);
  const details = detailsOf(body, location.location, answers.answers);
  const description = field(body, 'description', 4000) ?? null;
  const content = open311CaseContent({ description, serviceName: service.category.name, answers: answers.answers });

  return inTransaction(ctx, async (tx) => {
    const outcome = await takeUnattendedContact(tx, {
      jurisdiction, channel: 'open311', content, phoneE164: reporter.phoneE164, callerName: reporter.name, address: location.location.addressString ?? undefined,
      line: null, ip: o.ip, categoryId: service.category.id, noOneToRedirect: true,
    });
    if (outcome.kind === 'redirected') throw new Error('open311: unattended intake redirected a contact it was told to keep');
    const publicId = outcome.kind === 'attached' ? newAttachedRequestId() : outcome.caseNumber;
    const token = newRequestToken();
    const place = approximatePlace(location.location.lat, location.location.long);
    const id = newId();
    await insertRequest(tx.db, {
      id, jurisdiction_id: jurisdiction.id, key_id: key.id, public_id: outcome.kind === 'attached' ? publicId : `case:${outcome.caseId}`, token,
      outcome: outcome.kind, case_id: outcome.caseId, contact_id: outcome.kind === 'attached' ? outcome.contactId : null, service_code: service.category.code,
      lat_approx: place?.lat ?? null, long_approx: place?.long ?? null,
      reporter_enc: reporter.sealed ? tx.pii.encrypt(reporter.sealed) : null, details_enc: tx.pii.encrypt(JSON.stringify(details)), created_at: nowIso(),
    });
    await appendAudit(tx.db, {
      jurisdictionId: jurisdiction.id, actorUserId: null, action: 'open311.request', targetType: 'case', targetId: outcome.caseId, ip: o.ip,
      detail: { keyId: key.id, outcome: outcome.kind, serviceCode: service.category.code },
    });
    return [{ service_request_id: publicId, token, service_notice: NOTICE[outcome.kind], account_id: field(body, 'account_id', 200) ?? null }];
  });
}

const NOTICE = {
  opened: '已受理，将按时限办理。',
  merged: '与同一地点的同一事项合并办理。',
  attached: '已并入该号码正在办理的诉求。',
} as const;

async function jurisdictionOf(ctx: AppContext, id: string) {
  const row = await findJurisdiction(ctx.db, id);
  if (!row) throw new AppError('FORBIDDEN', 'api_key is missing or not valid');
  return row;
}

/**
 * Who reported, sealed as one record (ADR 0002): the case gets the name and phone like any
 * caller's; e-mail, device and account ids stay with the Open311 row for the operators.
 * Chinese names are written family name first, without a space.
 */
function reporterOf(body: Open311PostBody): { name: string | undefined; phoneE164: string | undefined; sealed: string | null } {
  const first = field(body, 'first_name', 100);
  const last = field(body, 'last_name', 100);
  const cjk = /[\u3400-\u9fff]/;
  const name = first && last ? (cjk.test(first + last) ? `${last}${first}` : `${first} ${last}`) : (first ?? last);
  const rawPhone = field(body, 'phone', 40);
  let phoneE164: string | undefined;
  if (rawPhone) {
    const phone = normalizePhone(rawPhone);
    if (!phone.ok) throw bad('phone is not a valid phone number');
    phoneE164 = phone.e164;
  }
  const email = field(body, 'email', 254);
  if (email && !EMAIL.test(email)) throw bad('email is not an e-mail address');
  const record = {
    email: email ?? null, deviceId: field(body, 'device_id', 200) ?? field(body, 'deviceid', 200) ?? null, accountId: field(body, 'account_id', 200) ?? null,
    firstName: first ?? null, lastName: last ?? null, phone: phoneE164 ?? null,
  };
  return { name, phoneE164, sealed: Object.values(record).some((v) => v !== null) ? JSON.stringify(record) : null };
}

function detailsOf(body: Open311PostBody, location: Open311Location, answers: readonly AttributeAnswer[]) {
  const media = body.media_url;
  const urls = (Array.isArray(media) ? media : media === undefined ? [] : [media]).filter((u): u is string => typeof u === 'string' && u.trim() !== '').map((u) => u.trim());
  for (const url of urls) if (url.length > 2000 || !URL_PATTERN.test(url)) throw bad('media_url must be an http(s) URL');
  if (urls.length > 10) throw bad('media_url names more than 10 files');
  return { location, mediaUrls: urls, attributes: answers };
}
