import { noticeOutboxBody, type NoticeFacts } from '@openline/core';
import type { Transaction } from 'kysely';
import type { PiiCipher } from '../../crypto/pii.js';
import type { DB } from '../../db/schema.js';
import { enqueueMessage } from './enqueue.js';

/**
 * A staff message about no case (a cold line, a callback task): the template is the notice's
 * kind, the body core's Chinese wording of its facts, and the in-app notice carries the facts,
 * so the outbox, the log and the bell say the same thing with the same figures.
 */
export function enqueueNotice(trx: Transaction<DB>, pii: PiiCipher, o: { jurisdictionId: string; recipient: string; facts: NoticeFacts }): Promise<string> {
  return enqueueMessage(trx, pii, {
    jurisdictionId: o.jurisdictionId, caseId: null, channel: 'staff', recipient: o.recipient, template: o.facts.kind, body: noticeOutboxBody(o.facts), notice: o.facts,
  });
}
