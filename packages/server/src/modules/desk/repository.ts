import { OPERATOR_QUEUES, type OperatorQueue } from '@openline/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CaseScope } from '../cases/list-repository.js';
import { queueCondition } from '../cases/queue-filter.js';

type Db = Kysely<DB> | Transaction<DB>;

export async function insertInstruction(
  db: Db,
  row: { id: string; jurisdictionId: string; caseId: string; unitId: string; authorUserId: string; text: string; createdAt: string },
): Promise<void> {
  await db
    .insertInto('case_instructions')
    .values({
      id: row.id, jurisdiction_id: row.jurisdictionId, case_id: row.caseId, unit_id: row.unitId, author_user_id: row.authorUserId,
      text: row.text, created_at: row.createdAt, answered_at: null, answered_by: null, answer_text: null,
    })
    .execute();
}

export function findInstruction(db: Db, caseId: string, id: string) {
  return db.selectFrom('case_instructions').selectAll().where('id', '=', id).where('case_id', '=', caseId).executeTakeFirst();
}

/** Conditional on it still being open, so of two answers sent at once exactly one is kept. */
export async function storeAnswer(db: Db, id: string, answer: { userId: string; text: string; at: string }): Promise<boolean> {
  const result = await db
    .updateTable('case_instructions')
    .set({ answered_at: answer.at, answered_by: answer.userId, answer_text: answer.text })
    .where('id', '=', id)
    .where('answered_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A case's instructions, oldest first, with who gave and answered them and the unit asked. */
export function listInstructions(db: Db, caseId: string) {
  return db
    .selectFrom('case_instructions')
    .innerJoin('users as author', 'author.id', 'case_instructions.author_user_id')
    .innerJoin('org_units as unit', 'unit.id', 'case_instructions.unit_id')
    .leftJoin('users as answerer', 'answerer.id', 'case_instructions.answered_by')
    .select([
      'case_instructions.id as id',
      'case_instructions.text as text',
      'author.display_name as authorName',
      'unit.name as unitName',
      'case_instructions.created_at as createdAt',
      'case_instructions.answered_at as answeredAt',
      'answerer.display_name as answeredByName',
      'case_instructions.answer_text as answerText',
    ])
    .where('case_instructions.case_id', '=', caseId)
    .orderBy('case_instructions.created_at')
    .orderBy('case_instructions.id')
    .execute();
}

/** Follows a case; following it again changes nothing. */
export async function addFollower(db: Db, caseId: string, userId: string, at: string): Promise<void> {
  await db
    .insertInto('case_followers')
    .values({ case_id: caseId, user_id: userId, created_at: at })
    .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
    .execute();
}

export async function removeFollower(db: Db, caseId: string, userId: string): Promise<void> {
  await db.deleteFrom('case_followers').where('case_id', '=', caseId).where('user_id', '=', userId).execute();
}

export async function isFollowing(db: Db, caseId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom('case_followers').select('user_id').where('case_id', '=', caseId).where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Who follows a case (关注): the user ids to tell of each step. For the notifications (issue 12
 * §4), which must still check each follower may see the case at the time of telling: a follower
 * whose scope changed keeps the row but is told nothing.
 */
export async function listCaseFollowers(db: Db, caseId: string): Promise<string[]> {
  const rows = await db.selectFrom('case_followers').select('user_id').where('case_id', '=', caseId).orderBy('created_at').execute();
  return rows.map((r) => r.user_id);
}

/** The published lines a user owns (an official's own lines). */
export function listOwnLines(db: Db, jurisdictionId: string, userId: string) {
  return db
    .selectFrom('lines')
    .select(['id', 'name', 'number', 'owner_title as ownerTitle', 'mode'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('owner_user_id', '=', userId)
    .orderBy('name')
    .execute();
}

/** Open instructions this official gave (the ones still waiting for a unit's answer). */
export async function countOpenInstructionsBy(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('case_instructions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('author_user_id', '=', userId)
    .where('answered_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The three operator queues' sizes in one statement, each a count of its queue's partial index
 * (migration 0045, cases/queue-filter.ts) within the jurisdiction: no case row is read, where a
 * count per status had to read every waiting case for its arbitration flag.
 */
export async function countQueues(db: Db, scope: CaseScope & { kind: 'jurisdiction' }): Promise<Record<OperatorQueue, number>> {
  const count = (queue: OperatorQueue) =>
    db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('cases.jurisdiction_id', '=', scope.jurisdictionId)
      .where((eb) => queueCondition(eb, queue));
  const row = await db
    .selectNoFrom(() => OPERATOR_QUEUES.map((queue) => count(queue).as(queue)))
    .executeTakeFirstOrThrow();
  const counts = row as Record<OperatorQueue, number | string | null>;
  return { awaiting_dispatch: Number(counts.awaiting_dispatch ?? 0), returned: Number(counts.returned ?? 0), awaiting_visit: Number(counts.awaiting_visit ?? 0) };
}
