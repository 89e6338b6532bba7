import { buildKbIndex, type KbIndex } from '@openline/core';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { articleSignature, findArticleTexts } from './repository.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Each jurisdiction's ranking index (core's BM25F over question, tags and answer), kept in memory
 * and rebuilt when its articles change (ADR 0025). A knowledge base is small beside the cases
 * (hundreds to a few thousand articles), and scoring needs every article's term counts and the
 * corpus's document frequencies, which the phrase index (search_documents) cannot give on both
 * databases alike. One cheap aggregate per search tells whether the copy is current, so several
 * server processes stay correct without talking to each other.
 */
const cache = new Map<string, { signature: string; index: KbIndex }>();

export async function rankingIndex(db: Db, jurisdictionId: string): Promise<KbIndex> {
  const signature = await articleSignature(db, jurisdictionId);
  const held = cache.get(jurisdictionId);
  if (held && held.signature === signature) return held.index;
  const rows = await findArticleTexts(db, jurisdictionId);
  const index = buildKbIndex(rows.map((r) => ({ id: r.id, question: r.question, answer: r.answer, tags: JSON.parse(r.tags) as string[] })));
  cache.set(jurisdictionId, { signature, index });
  return index;
}
