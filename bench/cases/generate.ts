import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { localDay } from '../../packages/core/src/case-number.js';
import { seededRandom } from '../../packages/core/src/random.js';
import type { PiiCipher } from '../../packages/server/src/crypto/pii.js';
import type { Dialect } from '../../packages/server/src/db/database.js';
import type { CaseDeadlineTable, CaseTable, DB } from '../../packages/server/src/db/schema.js';
import { indexDocuments } from '../../packages/server/src/modules/search/store.js';
import { callerNameIndex } from '../../packages/server/src/modules/cases/name-index.js';

const TOPICS = ['小区停水', '夜间施工噪音扰民', '道路坑洼', '物业乱收费', '供暖温度不达标', '违章停车堵路', '拖欠工资', '油烟扰民', '路灯不亮', '垃圾清运不及时'];
const STATUSES_OPEN = ['received', 'dispatched', 'accepted', 'in_progress', 'replied'] as const;

/**
 * N cases over the past 90 days, written in bulk. 30 % (openShare) are still open and hold three running
 * deadlines each (about 1 % already overdue); personal data is sealed as the app would seal it.
 */
export async function generateCases(
  db: Kysely<DB>,
  pii: PiiCipher,
  options: { jurisdictionId: string; timezone: string; unitIds: string[]; count: number; now: Date; searchIndex?: Dialect; openShare?: number },
): Promise<void> {
  // Seeded so two runs measure the same data.
  const rand = seededRandom(20261128);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  // Sealing is the slow part of generation; real callers repeat, so a pool of callers is realistic.
  const callers = Array.from({ length: 2000 }, (_, i) => {
    const phone = `+86138${String(10_000_000 + i).slice(-8)}`;
    return { name: pii.encrypt(`居民${i}`), nameBidx: callerNameIndex(pii, `居民${i}`), phone: pii.encrypt(phone), bidx: pii.blindIndex(phone) };
  });
  const batch = 500;
  const perDay = new Map<string, number>();
  for (let start = 0; start < options.count; start += batch) {
    const cases: Array<Insertable<CaseTable>> = [];
    const deadlines: Array<Insertable<CaseDeadlineTable>> = [];
    for (let i = start; i < Math.min(options.count, start + batch); i++) {
      const at = new Date(options.now.getTime() - Math.floor(rand() * 90 * 86_400_000));
      // The jurisdiction's local day, as intake numbers cases: the counters left below then
      // match the very days intake draws from, whatever the hour the bench runs at.
      const day = localDay(at, options.timezone);
      const seq = (perDay.get(day) ?? 0) + 1;
      perDay.set(day, seq);
      const open = rand() < (options.openShare ?? 0.3);
      const status = open ? pick(STATUSES_OPEN) : 'closed';
      const caller = pick(callers);
      const id = randomUUID();
      const iso = at.toISOString();
      const lead = status === 'received' ? null : pick(options.unitIds);
      const content = `${pick(TOPICS)}，第${i}号诉求，请尽快处理。`;
      cases.push({
        id, jurisdiction_id: options.jurisdictionId, case_number: `${day}-${String(seq).padStart(6, '0')}`,
        tracking_code_hash: randomUUID(), status, channel: 'phone', type: 'complaint', urgency: 'normal',
        content, content_enc: pii.encrypt(content), caller_name_enc: caller.name, caller_name_bidx: caller.nameBidx, caller_phone_enc: caller.phone,
        caller_phone_bidx: caller.bidx, address_enc: null, line_id: null, lead_unit_id: lead, created_at: iso, updated_at: iso,
        // A fairness score as core/priority gives every case (age makes ties rare); most low, a few high.
        priority: Math.round(rand() * rand() * 50_000) / 100,
      });
      if (open && lead) {
        const overdue = rand() < 0.03;
        for (const [kind, hours] of [['accept', 2], ['contact', 24], ['resolve', 168]] as const) {
          const due = overdue ? new Date(options.now.getTime() - 3_600_000) : new Date(options.now.getTime() + hours * 3_600_000 * (1 + rand()));
          deadlines.push({
            id: randomUUID(), case_id: id, unit_id: lead, kind, clock: 'working', starts_at: iso, due_at: due.toISOString(),
            remind_at: due.toISOString(), created_at: iso,
          });
        }
      }
    }
    await db.insertInto('cases').values(cases).execute();
    // As intake does: the content goes into the search index, so text filters measure real work.
    const dialect = options.searchIndex;
    if (dialect) {
      await indexDocuments(db, dialect, cases.map((c) => ({ type: 'case', id: c.id, jurisdictionId: options.jurisdictionId, text: c.content })), { fresh: true });
    }
    if (deadlines.length) await db.insertInto('case_deadlines').values(deadlines).execute();
  }
  // As intake would have left them: each day's next case number follows the generated ones
  // (without this, timing intake drew a number the generator had already used).
  const last = new Map(perDay);
  const counters = [...last].map(([day, lastValue]) => ({ jurisdiction_id: options.jurisdictionId, day, last_value: lastValue }));
  for (let i = 0; i < counters.length; i += 200) await db.insertInto('case_number_counters').values(counters.slice(i, i + 200)).execute();
}
