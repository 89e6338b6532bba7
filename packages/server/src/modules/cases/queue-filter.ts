import { QUEUE_RULES, type OperatorQueue } from '@openline/core';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * The cases waiting in an operator's queue, as a condition written with literal values, never
 * bound parameters: migration 0045 gave each queue a partial index, and SQLite (and a generic plan
 * on PostgreSQL) use a partial index only when the query carries its condition itself. So this
 * spells exactly what the indexes' WHERE clauses spell; a test reads the plans.
 */
export function queueCondition(eb: ExpressionBuilder<DB, 'cases'>, queue: OperatorQueue): Expression<SqlBool> {
  const rule = QUEUE_RULES[queue];
  const [only] = rule.statuses;
  const status = rule.statuses.length === 1 && only !== undefined
    ? eb('cases.status', '=', sql.lit(only))
    : eb('cases.status', 'in', rule.statuses.map((s) => sql.lit(s)));
  if (rule.awaitingArbitration === undefined) return status;
  return eb.and([status, eb('cases.awaiting_arbitration', '=', sql.lit(rule.awaitingArbitration ? 1 : 0))]);
}
