// Test data: unique per run, so a rerun against the same server never matches an old case.
import { randomInt, randomBytes } from 'node:crypto';
import { url } from './browser.js';

/** A valid mainland mobile number, 139 followed by 8 random digits. */
export function uniquePhone(): string {
  return `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

/** The masked form the console must show: first three and last four digits. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function uniqueTag(): string {
  return randomBytes(4).toString('hex');
}

export interface AppealInput {
  name: string;
  phone: string;
  content: string;
  address?: string;
}

export function newAppeal(): AppealInput {
  const tag = uniqueTag();
  return {
    name: `测试市民${tag}`,
    phone: uniquePhone(),
    content: `端到端测试诉求 ${tag}：小区门口路灯已经坏了两周，晚上行人看不清路，请尽快维修。`,
    address: `示例市示例区幸福路${randomInt(1, 999)}号`,
  };
}

export const CASE_NUMBER = /^\d{8}-\d{6}$/;
export const TRACKING_CODE = /^[A-Za-z0-9_-]{20}$/;

export interface CreatedAppeal {
  caseNumber: string;
  trackingCode: string;
}

/** Files an appeal through the public API, as the form does. */
export async function createAppealViaApi(appeal: AppealInput): Promise<CreatedAppeal> {
  const res = await fetch(url('/api/v1/public/appeals'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(appeal),
  });
  const text = await res.text();
  if (res.status !== 201) {
    throw new Error(`POST /api/v1/public/appeals answered ${res.status}, expected 201: ${text}`);
  }
  const body = JSON.parse(text) as { trackingCode?: unknown };
  if (typeof body.trackingCode !== 'string') throw new Error(`POST /api/v1/public/appeals answered without a trackingCode: ${text}`);
  return { caseNumber: await caseNumberOf(body.trackingCode), trackingCode: body.trackingCode };
}

/**
 * The case number behind a tracking code. Accepted durably, an appeal is filed moments later by
 * the server's drainer (ADR 0032): the number appears on the tracking page once the case exists.
 */
export async function caseNumberOf(trackingCode: string): Promise<string> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const tracked = await fetch(url(`/api/v1/public/appeals/${trackingCode}`));
    const view = (await tracked.json()) as { caseNumber?: unknown };
    if (tracked.status === 200 && typeof view.caseNumber === 'string') return view.caseNumber;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`appeal ${trackingCode} was not processed within 15 s`);
}
