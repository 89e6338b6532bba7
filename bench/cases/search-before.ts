// The search index's read as it was before issue 13 §3's newest-first cap (commit b786f31): every
// match ranked (bm25 / ts_rank), the best `limit` kept. Kept only so bench:cases can time both
// side by side on the same data.
import { searchTokens } from '@openline/core';
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../packages/server/src/db/database.js';
import type { DB } from '../../packages/server/src/db/schema.js';

function phrase(query: string): string | null {
  const tokens = searchTokens(query);
  return tokens.length > 0 ? tokens.join(' ') : null;
}

export async function searchDocumentsBefore(db: Kysely<DB>, dialect: Dialect, options: { jurisdictionId: string; query: string; limit: number }): Promise<string[]> {
  const parts = options.query.split(/[\s,，、]+/u).map(phrase).filter((p): p is string => p !== null);
  if (parts.length === 0) return [];
  if (dialect === 'postgres') {
    const tsquery = sql.join(parts.map((p) => sql`phraseto_tsquery('simple', ${p})`), sql` && `);
    const rows = await sql<{ doc_id: string }>`
      SELECT doc_id FROM search_documents
      WHERE doc_type = 'case' AND jurisdiction_id = ${options.jurisdictionId} AND tokens @@ (${tsquery})
      ORDER BY ts_rank(tokens, (${tsquery})) DESC, doc_id
      LIMIT ${options.limit}`.execute(db);
    return rows.rows.map((r) => r.doc_id);
  }
  const match = parts.map((p) => `"${p.replace(/"/g, '""')}"`).join(' AND ');
  const rows = await sql<{ doc_id: string }>`
    SELECT doc_id FROM search_documents
    WHERE search_documents MATCH ${match} AND doc_type = 'case' AND jurisdiction_id = ${options.jurisdictionId}
    ORDER BY bm25(search_documents), doc_id
    LIMIT ${options.limit}`.execute(db);
  return rows.rows.map((r) => r.doc_id);
}
