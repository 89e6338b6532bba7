import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HISTORY_COUNT_CAP, HISTORY_LIMITS, type CallerViewer } from '@openline/core';
import { openCase } from '../src/modules/cases/open-case.js';
import { readCallerHistory } from '../src/modules/callers/history.js';
import { createLine } from '../src/modules/org/service.js';
import { seedFixture, type Fixture } from './support/fixtures.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

/**
 * The caller history reads a bounded number of rows however often the caller got in touch
 * (issue 10 §2 at 10 M cases, issue 13 §3): the 30-day counts stop at core HISTORY_COUNT_CAP and
 * say so, the cases shown are the newest open and finished ones. The cap is applied after the
 * viewer's filters: a tip-line reporter's records are neither shown nor counted for a viewer who
 * may not know them (ADR 0006), however many there are, and a line's owner counts only their line.
 */
const CENTRE_OPERATOR: CallerViewer = { roles: ['operator'], orgUnitKind: 'centre' };
const ADMIN: CallerViewer = { roles: ['admin'], orgUnitKind: 'city' };
const HEAVY = '+8613811110001';
const TIPSTER = '+8613811110002';
const EXACT = '+8613811110003';
const MANY_CASES = '+8613811110004';

describeDb(`Caller history caps (${dialect})`, () => {
  let t: TestContext;
  let f: Fixture;
  const lines = { staffed: '', tip: '', direct: '' };
  const now = new Date();
  /** k minutes before now, so the newest-first order is known. */
  const ago = (k: number) => new Date(now.getTime() - k * 60_000).toISOString();
  const bidx = (phone: string) => t.ctx.pii.blindIndex(phone);
  const history = (phone: string, viewer: CallerViewer, lineId?: string) =>
    readCallerHistory(t.ctx, { jurisdictionId: f.jurisdiction.id, bidx: bidx(phone), viewer, now, ...(lineId ? { lineId } : {}) });

  const open = async (phone: string, lineId: string, content = '反映小区噪音。') =>
    (await openCase(t.ctx, {
      jurisdiction: f.jurisdiction, channel: 'phone', type: 'complaint', urgency: 'normal', content, callerPhone: phone, callerName: '赵六',
      lineId, actor: { kind: 'staff', userId: f.users.operator },
    })).id;
  /** `n` more contacts about a case, the k-th `from + k` minutes ago. */
  const contacts = async (phone: string, o: { caseId: string; lineId: string; n: number; from: number }) => {
    const sealed = t.ctx.pii.encrypt('再次来电催办。');
    const rows = Array.from({ length: o.n }, (_, k) => ({
      id: randomUUID(), jurisdiction_id: f.jurisdiction.id, case_id: o.caseId, channel: 'phone', line_id: o.lineId, caller_name_enc: null, caller_phone_enc: null,
      caller_phone_bidx: bidx(phone), content: '再次来电催办。', content_enc: sealed, outcome: 'attached', received_at: ago(o.from + k),
    }));
    await t.ctx.db.insertInto('contacts').values(rows).execute();
  };
  /** `n` inbound calls, the k-th `from + k` minutes ago, missed when `missed(k)`. */
  const calls = async (phone: string, o: { lineId: string; n: number; from: number; missed?: (k: number) => boolean }) => {
    const rows = Array.from({ length: o.n }, (_, k) => ({
      id: randomUUID(), jurisdiction_id: f.jurisdiction.id, source: 'cti' as const, external_id: `caps-${randomUUID()}`, cti_token_id: null, direction: 'in' as const,
      line_id: o.lineId, line_number: '12345', caller_enc: null, caller_bidx: bidx(phone), queue: null, offered_at: ago(o.from + k), answered_at: null, ended_at: null,
      wait_seconds: null, talk_seconds: null, outcome: o.missed?.(k) ? 'missed' : 'answered', late_answer: 0, answered_by_user_id: null, answered_by: null, cause: null,
      case_id: null, contact_id: null, created_at: ago(o.from + k), updated_at: ago(o.from + k),
    }));
    await t.ctx.db.insertInto('call_records').values(rows).execute();
  };

  beforeAll(async () => {
    t = await createTestContext();
    f = await seedFixture(t.ctx);
    const hours = { weekly: {}, onHolidays: 'open' as const };
    const line = async (number: string, name: string, mode: 'staffed' | 'tip' | 'direct') =>
      (await createLine(t.ctx.db, { jurisdictionId: f.jurisdiction.id, number, name, ownerUserId: f.users.official, ownerTitle: '局长', mode, isPublic: true, serviceHours: hours, acceptsVoice: true })).id;
    lines.staffed = await line('0000-77001234', '市民热线', 'staffed');
    lines.tip = await line('0000-77001110', '举报专线', 'tip');
    lines.direct = await line('0000-77002222', '局长信箱电话', 'direct');

    // A caller who rang far more than the cap this month: on the staffed line, the tip line and a direct line.
    const heavyCase = await open(HEAVY, lines.staffed);
    await contacts(HEAVY, { caseId: heavyCase, lineId: lines.staffed, n: HISTORY_COUNT_CAP + 3, from: 10 });
    const heavyTip = await open(HEAVY, lines.tip, '举报某仓库夜间聚众赌博。');
    await contacts(HEAVY, { caseId: heavyTip, lineId: lines.tip, n: 4, from: 5 });
    const heavyDirect = await open(HEAVY, lines.direct, '向局长反映学校门口交通拥堵。');
    await contacts(HEAVY, { caseId: heavyDirect, lineId: lines.direct, n: 2, from: 200 });
    // 52 calls on the staffed line: the latest 50 hold 3 missed calls, the 2 older ones are missed too.
    await calls(HEAVY, { lineId: lines.staffed, n: HISTORY_COUNT_CAP + 2, from: 10, missed: (k) => k < 3 || k >= HISTORY_COUNT_CAP });
    await calls(HEAVY, { lineId: lines.direct, n: 3, from: 300, missed: (k) => k === 0 });

    // A reporter whose tip-line records alone are past the cap, with two ordinary contacts.
    const tipCase = await open(TIPSTER, lines.tip, '举报非法排污。');
    await contacts(TIPSTER, { caseId: tipCase, lineId: lines.tip, n: HISTORY_COUNT_CAP + 5, from: 10 });
    await calls(TIPSTER, { lineId: lines.tip, n: HISTORY_COUNT_CAP + 5, from: 10, missed: () => true });
    await open(TIPSTER, lines.staffed);
    await calls(TIPSTER, { lineId: lines.staffed, n: 2, from: 500 });

    // One short of the cap: counted in full.
    const exactCase = await open(EXACT, lines.staffed);
    await contacts(EXACT, { caseId: exactCase, lineId: lines.staffed, n: HISTORY_COUNT_CAP - 2, from: 10 });
    await calls(EXACT, { lineId: lines.staffed, n: HISTORY_COUNT_CAP - 1, from: 10 });

    // More open and finished cases than the screen shows, each at its own time (the newest first).
    for (let k = 0; k < 18; k++) {
      const id = await open(MANY_CASES, lines.staffed, `第${k}件诉求。`);
      await t.ctx.db.updateTable('cases').set({ created_at: ago(1000 - k), ...(k % 3 === 0 ? { status: 'closed' } : {}) }).where('id', '=', id).execute();
    }
  }, 60_000);
  afterAll(() => t.close());

  it('stops the counts of a caller who got in touch more than the cap, says so ("50 or more"), and still calls them frequent', async () => {
    for (const viewer of [CENTRE_OPERATOR, ADMIN]) {
      const h = await history(HEAVY, viewer);
      expect(h).toMatchObject({ contactsLast30Days: HISTORY_COUNT_CAP, contactsCapped: true, callsLast30Days: HISTORY_COUNT_CAP, callsCapped: true, frequentCaller: true });
      // Of the latest 50 calls, not of all 55: the two older missed calls are past the cap.
      expect(h.unansweredCallsLast30Days).toBe(3);
      expect(h.recentContacts).toHaveLength(HISTORY_LIMITS.contacts);
    }
  });

  it('counts a caller one short of the cap in full', async () => {
    const h = await history(EXACT, CENTRE_OPERATOR);
    expect(h).toMatchObject({ contactsLast30Days: HISTORY_COUNT_CAP - 1, contactsCapped: false, callsLast30Days: HISTORY_COUNT_CAP - 1, callsCapped: false, unansweredCallsLast30Days: 0 });
  });

  it('caps after the tip filter: a reporter\'s tip records past the cap are neither counted nor shown to a viewer who may not know them', async () => {
    const operator = await history(TIPSTER, CENTRE_OPERATOR);
    expect(operator).toMatchObject({ contactsCapped: true, callsCapped: true, frequentCaller: true });
    expect(operator.unansweredCallsLast30Days).toBe(HISTORY_COUNT_CAP);
    const admin = await history(TIPSTER, ADMIN);
    expect(admin).toMatchObject({ contactsLast30Days: 1, contactsCapped: false, callsLast30Days: 2, callsCapped: false, unansweredCallsLast30Days: 0, frequentCaller: false });
    expect(admin.openCases).toHaveLength(1);
    expect(admin.recentContacts).toHaveLength(1);
    expect(JSON.stringify(admin)).not.toContain('举报');
  });

  it('counts only the owner\'s line for a direct line\'s owner, however much the caller rang elsewhere', async () => {
    const h = await history(HEAVY, { roles: ['official'], orgUnitKind: 'owner' }, lines.direct);
    expect(h).toMatchObject({ contactsLast30Days: 3, contactsCapped: false, callsLast30Days: 3, callsCapped: false, unansweredCallsLast30Days: 1 });
    expect(h.openCases.map((c) => c.summary)).toEqual(['向局长反映学校门口交通拥堵。']);
  });

  it('shows the newest open and finished cases up to the screen\'s limits', async () => {
    const h = await history(MANY_CASES, CENTRE_OPERATOR);
    // Cases 0..17, 17 the newest; every third finished.
    const newest = (closed: boolean) => Array.from({ length: 18 }, (_, k) => 17 - k).filter((k) => (k % 3 === 0) === closed).map((k) => `第${k}件诉求。`);
    expect(h.openCases.map((c) => c.summary)).toEqual(newest(false).slice(0, HISTORY_LIMITS.openCases));
    expect(h.closedCases.map((c) => c.summary)).toEqual(newest(true).slice(0, HISTORY_LIMITS.closedCases));
    expect(h.callerName).toBe('赵*');
  });
});
