import { randomUUID } from 'node:crypto';
import { searchTokens, seededRandom } from '@openline/core';
import { CompiledQuery, sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listCases, type CaseScope } from '../src/modules/cases/list-repository.js';
import { createJurisdiction } from '../src/modules/org/service.js';
import { indexDocument, newestCaseMatchesFor, searchDocuments } from '../src/modules/search/store.js';
import { createTestContext, describeDb, dialect, type TestContext } from './support/test-context.js';

const DAY_MS = 86_400_000;

/** Counts the statements sent through a Kysely instance (raw `sql` ones included). */
function statementCounter(): { plugin: KyselyPlugin; count: () => number } {
  let n = 0;
  return {
    plugin: {
      transformQuery: (args) => {
        n++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    },
    count: () => n,
  };
}

/** Case rows of one jurisdiction, created at the given instants, with the given statuses. */
async function seedCases(t: TestContext, code: string, cases: ReadonlyArray<{ id: string; createdAt: Date; status?: string }>): Promise<string> {
  const j = await createJurisdiction(t.ctx.db, { code, name: code, timezone: 'Asia/Shanghai' });
  const rows = cases.map((c, i) => ({
    id: c.id, jurisdiction_id: j.id, case_number: `${code}-${String(i).padStart(4, '0')}`, tracking_code_hash: randomUUID(), status: c.status ?? 'received',
    channel: 'phone', type: 'complaint', urgency: 'normal', content: '测试', content_enc: t.ctx.pii.encrypt('测试'),
    created_at: c.createdAt.toISOString(), updated_at: c.createdAt.toISOString(),
  }));
  for (let start = 0; start < rows.length; start += 200) await t.ctx.db.insertInto('cases').values(rows.slice(start, start + 200)).execute();
  return j.id;
}

describeDb(`case search in one statement, newest first (${dialect})`, () => {
  let t: TestContext;
  let j = '';
  // Matches spread from the last hours to two years back, oldest indexed first (SQLite's rowids
  // follow indexing): 3 today, 4 a week ago, 5 forty days ago, 6 two years ago; a non-match too.
  const now = Date.now();
  const ages = [...[1, 2, 3].map((h) => h * 3_600_000), ...[7, 7.1, 7.2, 7.3].map((d) => d * DAY_MS), ...[40, 41, 42, 43, 44].map((d) => d * DAY_MS), ...[730, 731, 732, 733, 734, 735].map((d) => d * DAY_MS)];
  const ids = ages.map((_, i) => `m${String(i).padStart(2, '0')}`);

  beforeAll(async () => {
    t = await createTestContext();
    j = await seedCases(t, 'search-one', [...ids.map((id, i) => ({ id, createdAt: new Date(now - (ages[i] as number)) })), { id: 'none', createdAt: new Date(now) }]);
    for (const i of [...ids.keys()].reverse()) {
      await indexDocument(t.ctx.db, t.ctx.dialect, { type: 'case', id: ids[i] as string, jurisdictionId: j, text: i === 16 ? '路灯不亮，路灯' : `路灯不亮第${i}处` }, { fresh: true });
    }
    await indexDocument(t.ctx.db, t.ctx.dialect, { type: 'case', id: 'none', jurisdictionId: j, text: '井盖缺失' }, { fresh: true });
  });
  afterAll(() => t.close());

  it('finds matches older than the first windows, newest first, capped, in one statement on PostgreSQL', async () => {
    const counter = statementCounter();
    const db = t.ctx.db.withPlugin(counter.plugin);
    for (const limit of [2, 3, 5, 7, 12, 16, 18, 100]) {
      const before = counter.count();
      const found = await newestCaseMatchesFor(db, t.ctx.dialect, { jurisdictionId: j, query: '路灯', limit });
      // Today's three, then a week back, forty days back, two years back: always the newest `limit`.
      expect(found.ids, `limit ${limit}`).toEqual(ids.slice(0, Math.min(limit, ids.length)));
      expect(counter.count() - before, `limit ${limit}`).toBe(1);
      if (dialect === 'postgres') {
        expect(found.createdAt, `limit ${limit}`).toEqual(ids.slice(0, limit).map((_, i) => new Date(now - (ages[i] as number)).toISOString()));
      }
    }
    expect((await newestCaseMatchesFor(db, t.ctx.dialect, { jurisdictionId: j, query: '地铁', limit: 5 })).ids).toEqual([]);
    expect((await newestCaseMatchesFor(db, t.ctx.dialect, { jurisdictionId: j, query: '，', limit: 5 })).ids).toEqual([]);
  });

  it('runs PostgreSQL sessions with JIT off: the one statement is priced high and reads little', async () => {
    if (dialect !== 'postgres') return;
    const row = await sql<{ jit: string }>`SHOW jit`.execute(t.ctx.db);
    expect(row.rows[0]?.jit).toBe('off');
  });

  it('ranks within the newest matches only: the best-worded one first once the window reaches it', async () => {
    // m16 (two years back) says 路灯 twice: it ranks first only when the cap reaches back to it.
    const ranked = async (limit: number) => searchDocuments(t.ctx.db, t.ctx.dialect, { type: 'case', jurisdictionId: j, query: '路灯', limit });
    expect(await ranked(12)).not.toContain('m16');
    const all = await ranked(100);
    expect(all[0]).toBe('m16');
    expect([...all].sort()).toEqual(ids);
  });
});

describeDb(`case search windows past a year, each match read once (${dialect}, ADR 0070)`, () => {
  let t: TestContext;
  let j = '';
  // 1,500 cases over three years, newer days busier (as a real hotline grows); texts combine a
  // place and a topic so that one word is common, one rare, and a pair of them rarer still. Three
  // documents have no day (indexed before their case row existed): they come last, when read; one
  // of them is the only match of its words.
  const now = Date.now();
  const random = seededRandom(70);
  const places = ['学院路', '人民路', '幸福路', '长安街'];
  const topics = ['高空抛物', '小区停水', '路灯不亮', '电梯故障', '噪音扰民'];
  const docs = Array.from({ length: 1_500 }, (_, i) => ({
    id: `w${String(i).padStart(4, '0')}`,
    createdAt: new Date(now - Math.floor(1_095 * random() ** 1.5 * DAY_MS)),
    text: `${places[Math.floor(random() * places.length)]}${topics[Math.floor(random() ** 2 * topics.length)]}${random() < 0.05 ? '井盖缺失' : ''}`,
  }));

  beforeAll(async () => {
    t = await createTestContext();
    j = await seedCases(t, 'search-far', docs);
    for (const d of docs) await indexDocument(t.ctx.db, t.ctx.dialect, { type: 'case', id: d.id, jurisdictionId: j, text: d.text }, { fresh: true });
    for (const id of ['undated-1', 'undated-2']) await indexDocument(t.ctx.db, t.ctx.dialect, { type: 'case', id, jurisdictionId: j, text: '学院路井盖缺失' }, { fresh: true });
    await indexDocument(t.ctx.db, t.ctx.dialect, { type: 'case', id: 'undated-3', jurisdictionId: j, text: '桥洞积水' }, { fresh: true });
  });
  afterAll(() => t.close());

  it('returns exactly the newest matches of every query and limit, as reading every match would', async () => {
    const queries = ['学院路', '停水', '井盖', '学院路 高空抛物', '人民路 井盖缺失', '高空抛物 停水', '地铁', '桥洞积水'];
    for (const query of queries) {
      for (const limit of [1, 7, 40, 150, 600, 2_000]) {
        const found = await newestCaseMatchesFor(t.ctx.db, t.ctx.dialect, { jurisdictionId: j, query, limit });
        const all = await everyMatchNewestFirst(t, j, query);
        expect(found.ids, `${query}, limit ${limit}`).toEqual(all.slice(0, limit));
        if (dialect === 'postgres') {
          // Each id with its case's time, and none for a document indexed before its row (also when it is the only match).
          const dated = new Map(docs.map((d) => [d.id, d.createdAt.toISOString()]));
          expect(found.createdAt, `${query}, limit ${limit}`).toEqual(found.ids.map((id) => dated.get(id) ?? null));
        }
        const ranked = await searchDocuments(t.ctx.db, t.ctx.dialect, { type: 'case', jurisdictionId: j, query, limit });
        expect([...ranked].sort(), `${query}, ranked, limit ${limit}`).toEqual(all.slice(0, limit).sort());
      }
    }
  });

  it('reads no match twice and not every match once windows suffice (PostgreSQL)', async () => {
    if (dialect !== 'postgres') return;
    // 学院路 fills 150 within the windows: the statement fetches from search_documents only the
    // matches of the days it read (each window holds days no earlier one did), far fewer than all.
    const plan = await planOf(t, (db) => newestCaseMatchesFor(db, t.ctx.dialect, { jurisdictionId: j, query: '学院路', limit: 150 }));
    const fetched = rowsFetched(plan);
    const all = (await everyMatchNewestFirst(t, j, '学院路')).length;
    expect(all).toBeGreaterThan(300);
    expect(fetched).toBeGreaterThanOrEqual(150);
    expect(fetched).toBeLessThan(Math.min(all, 2 * 150));
  });

  it('reads a wide window by token@bucket, with the phrase kept out of the token index (PostgreSQL, migration 0064)', async () => {
    if (dialect !== 'postgres') return;
    // 学院路 高空抛物 is rare: its windows grow past 32 days, which read the words in 32-day buckets.
    // At this size the planner reads every branch through the primary key (1,500 rows); which
    // index a wide window takes at 10 M density is measured in bench/city/dense-search.ts.
    const plan = await planOf(t, (db) => newestCaseMatchesFor(db, t.ctx.dialect, { jurisdictionId: j, query: '学院路 高空抛物', limit: 2_000 }));
    const wide = scansOf(plan).filter((n) => (n.Filter ?? n['Recheck Cond'] ?? '').includes('ts_match_vq'));
    expect(wide.reduce((loops, n) => loops + (n['Actual Loops'] ?? 0), 0)).toBeGreaterThan(0);
    expect(wide.every((n) => !(n.Filter ?? '').includes('@@'))).toBe(true);
  });
});

/** The plan, executed, of the one statement `run` sends. */
async function planOf(t: TestContext, run: (db: TestContext['ctx']['db']) => Promise<unknown>): Promise<PlanNode> {
  const compiled: CompiledQuery[] = [];
  const db = t.ctx.db.withPlugin({
    transformQuery: (args) => {
      compiled.push(t.ctx.db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  await run(db);
  const q = compiled[0];
  if (!q) throw new Error('no statement');
  const explained = await t.ctx.db.executeQuery<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.sql}`, [...q.parameters]));
  const plan = explained.rows[0]?.['QUERY PLAN'][0]?.Plan;
  if (!plan) throw new Error('no plan');
  return plan;
}

/** Every scan of search_documents in a plan. */
function scansOf(n: PlanNode): PlanNode[] {
  return [...(n['Relation Name'] === 'search_documents' ? [n] : []), ...(n.Plans ?? []).flatMap(scansOf)];
}

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Filter?: string; 'Recheck Cond'?: string; 'Actual Rows'?: number; 'Actual Loops'?: number; Plans?: PlanNode[] };
/** Rows the plan's bitmap heap scans returned, every loop counted: the matches read from search_documents. */
function rowsFetched(n: PlanNode): number {
  const own = n['Node Type'] === 'Bitmap Heap Scan' ? Math.round((n['Actual Rows'] ?? 0) * (n['Actual Loops'] ?? 0)) : 0;
  return own + (n.Plans ?? []).reduce((sum, c) => sum + rowsFetched(c), 0);
}

/** Every match of a query in the jurisdiction, newest first as the search orders them (read whole, no window, no cap). */
async function everyMatchNewestFirst(t: TestContext, jurisdictionId: string, query: string): Promise<string[]> {
  const parts = query.split(/\s+/u).map((p) => searchTokens(p).join(' ')).filter(Boolean);
  if (dialect === 'postgres') {
    const q = sql.join(parts.map((p) => sql`phraseto_tsquery('simple', ${p})`), sql` && `);
    const rows = await sql<{ doc_id: string }>`SELECT doc_id FROM search_documents
      WHERE doc_type = 'case' AND jurisdiction_id = ${jurisdictionId} AND tokens @@ (${q})
      ORDER BY created_at DESC NULLS LAST, doc_id DESC`.execute(t.ctx.db);
    return rows.rows.map((r) => r.doc_id);
  }
  const rows = await sql<{ doc_id: string }>`SELECT doc_id FROM search_documents
    WHERE search_documents MATCH ${parts.map((p) => `"${p}"`).join(' AND ')} AND doc_type = 'case' AND jurisdiction_id = ${jurisdictionId}
    ORDER BY rowid DESC`.execute(t.ctx.db);
  return rows.rows.map((r) => r.doc_id);
}

describeDb(`case list after q=, a page of the newest matches (${dialect})`, () => {
  let t: TestContext;
  let city: CaseScope;
  // 90 cases; groups of three share a created_at (a batch of intake in one millisecond), so a
  // page's edge falls inside a tie; every third case is closed.
  type Row = { id: string; createdAt: Date; status: string };
  const base = Date.UTC(2026, 5, 1);
  const cases: Row[] = Array.from({ length: 90 }, (_, i) => ({
    id: `p${randomUUID().slice(0, 8)}`, createdAt: new Date(base + Math.floor(i / 3) * 60_000), status: i % 3 === 1 ? 'closed' : 'received',
  }));
  let newest: Array<{ id: string; created_at: string; case_number: string; status: string }> = [];

  beforeAll(async () => {
    t = await createTestContext();
    const j = await seedCases(t, 'search-page', cases);
    city = { kind: 'jurisdiction', jurisdictionId: j };
    newest = (await t.ctx.db.selectFrom('cases').select(['id', 'created_at', 'case_number', 'status']).where('jurisdiction_id', '=', j).execute())
      .map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString() }))
      .sort((a, b) => (a.created_at === b.created_at ? b.case_number.localeCompare(a.case_number) : b.created_at.localeCompare(a.created_at)));
  });
  afterAll(() => t.close());

  it('reads the page off the matches in order, the same rows and totals as joining them all', async () => {
    // The search's order: newest first, ties by id descending (not the list's case number).
    const matches = newest.slice(0, 80).sort((a, b) => (a.created_at === b.created_at ? b.id.localeCompare(a.id) : b.created_at.localeCompare(a.created_at)));
    const ids = matches.map((m) => m.id);
    const createdAt = matches.map((m) => m.created_at);
    const inMatches = newest.filter((r) => ids.includes(r.id));
    const counter = statementCounter();
    const db = t.ctx.db.withPlugin(counter.plugin);
    for (const statuses of [undefined, ['received'], ['closed'], ['accepted']]) {
      const want = inMatches.filter((r) => !statuses || statuses.includes(r.status));
      for (const [offset, limit] of [[0, 20], [0, 4], [4, 5], [20, 20], [76, 20], [100, 20]] as const) {
        const label = `${statuses?.join() ?? 'all'}, offset ${offset}, limit ${limit}`;
        const before = counter.count();
        const got = await listCases(db, { scope: city, filters: { statuses, text: { ids, createdAt, caseNumberPrefix: undefined } }, sort: 'created', limit, offset, now: new Date().toISOString() });
        expect(got.rows.map((r) => r.id), label).toEqual(want.slice(offset, offset + limit).map((r) => r.id));
        expect([got.total, got.totalCapped, got.totalAtLeast], label).toEqual([want.length, false, false]);
        // The matches alone: no count statement, and the first page one read of its rows.
        if (!statuses && offset === 0) expect(counter.count() - before, label).toBe(1);
        // Without created_at (SQLite's matches), the same list as before: every match joined.
        const joined = await listCases(t.ctx.db, { scope: city, filters: { statuses, text: { ids, caseNumberPrefix: undefined } }, sort: 'created', limit, offset, now: new Date().toISOString() });
        expect(joined.rows.map((r) => r.id), label).toEqual(got.rows.map((r) => r.id));
        expect(joined.total, label).toBe(got.total);
      }
    }
  });

  it('counts past the cap as "more than" from the matches alone', async () => {
    const ids = Array.from({ length: 1_500 }, (_, i) => `x${i}`);
    const got = await listCases(t.ctx.db, { scope: city, filters: { text: { ids, caseNumberPrefix: undefined } }, sort: 'created', limit: 20, offset: 0, now: new Date().toISOString() });
    expect([got.total, got.totalCapped]).toEqual([1_000, true]);
  });

  it('PostgreSQL hands the list its matches newest first with their created_at', async () => {
    if (dialect !== 'postgres') return;
    const j = city.jurisdictionId;
    for (const r of newest.slice(0, 30)) await indexDocument(t.ctx.db, t.ctx.dialect, { type: 'case', id: r.id, jurisdictionId: j, text: '垃圾清运' });
    await sql`ANALYZE search_documents`.execute(t.ctx.db);
    const found = await newestCaseMatchesFor(t.ctx.db, t.ctx.dialect, { jurisdictionId: j, query: '垃圾', limit: 10 });
    const want = newest.slice(0, 30).sort((a, b) => (a.created_at === b.created_at ? b.id.localeCompare(a.id) : b.created_at.localeCompare(a.created_at))).slice(0, 10);
    expect(found.ids).toEqual(want.map((r) => r.id));
    expect(found.createdAt).toEqual(want.map((r) => r.created_at));
  });
});
